package dev.listings.local.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.listings.schemas.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes what a run produced into an output folder: the curated listings and the rejects as JSON lines, the summary,
 * and each use case's final results as CSV (the latest value per key for tables, every event for event streams).
 */
public final class RunOutputs {
  public static final String CURATED_FILE = "curated.jsonl";
  public static final String REJECTS_FILE = "rejects.jsonl";
  public static final String SUMMARY_FILE = "summary.json";
  public static final String USECASES_DIR = "usecases";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String bootstrapServers;
  private final GenericAvroDecoder decoder;

  public RunOutputs(String bootstrapServers, GenericAvroDecoder decoder) {
    this.bootstrapServers = bootstrapServers;
    this.decoder = decoder;
  }

  /** Writes every file; returns the number of curated and reject records written, for a cross-check. */
  public long[] writeAll(Path outDir, RunSummary summary, Map<String, UseCaseOutput> useCases) throws IOException {
    Files.createDirectories(outDir.resolve(USECASES_DIR));
    long curated = writeCurated(outDir.resolve(CURATED_FILE));
    long rejects = writeRejects(outDir.resolve(REJECTS_FILE));
    for (Map.Entry<String, UseCaseOutput> useCase : useCases.entrySet()) {
      writeUseCase(useCase.getValue(), outDir.resolve(USECASES_DIR).resolve(useCase.getKey() + ".csv"));
    }
    JSON.copy()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(outDir.resolve(SUMMARY_FILE).toFile(), summary);
    return new long[] {curated, rejects};
  }

  private long writeCurated(Path file) throws IOException {
    return writeJsonLines(file, Topics.CURATED, value -> AvroJson.toJson(decoder.decode(value)).toString());
  }

  private long writeRejects(Path file) throws IOException {
    return writeJsonLines(file, Topics.REJECTS, value -> new String(value, StandardCharsets.UTF_8).strip());
  }

  /** Writes one line per record of {@code topic}, as {@code line} renders its value; returns how many. */
  private long writeJsonLines(Path file, String topic, Function<byte[], String> line) throws IOException {
    long[] count = {0};
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      TopicReader.readAll(
          bootstrapServers,
          topic,
          record -> {
            writeLine(out, line.apply(record.value()));
            count[0]++;
          });
    }
    return count[0];
  }

  /** Reads a use case's topic; for a table, keeps the latest value per key in first-seen key order. */
  public List<GenericRecord> results(UseCaseOutput useCase) {
    Map<String, GenericRecord> latest = new LinkedHashMap<>();
    List<GenericRecord> events = new ArrayList<>();
    TopicReader.readAll(
        bootstrapServers,
        useCase.topic(),
        record -> {
          GenericRecord value = record.value() == null ? null : decoder.decode(record.value());
          if (useCase.table()) {
            String key = new String(record.key(), StandardCharsets.UTF_8);
            if (value == null) {
              latest.remove(key);
            } else {
              latest.put(key, value);
            }
          } else if (value != null) {
            events.add(value);
          }
        });
    return useCase.table() ? new ArrayList<>(latest.values()) : events;
  }

  private void writeUseCase(UseCaseOutput useCase, Path file) throws IOException {
    List<GenericRecord> rows = results(useCase);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      List<String> header = null;
      for (GenericRecord row : rows) {
        Map<String, String> columns = AvroJson.toColumns(row);
        if (header == null) {
          header = new ArrayList<>(columns.keySet());
          writeLine(out, Csv.row(header));
        }
        writeLine(out, Csv.row(new ArrayList<>(columns.values())));
      }
      if (header == null) {
        writeLine(out, Csv.row(useCase.columnsWhenEmpty()));
      }
    }
  }

  private static void writeLine(Writer out, String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
