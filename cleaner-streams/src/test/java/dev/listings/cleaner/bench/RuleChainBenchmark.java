package dev.listings.cleaner.bench;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.rules.ListingJudge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Raw lines judged per second on one thread by the whole rule chain (JSON parse, every rule, clean listing), over the
 * 207 lines of the bundled sample. Run as the module README says.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleChainBenchmark {
  static final int SAMPLE_LINES = 207;

  private final ListingJudge judge = new ListingJudge(CleaningRules.defaults());
  private byte[][] lines;

  @Setup
  public void readSample() throws IOException {
    Path sample = Path.of(System.getProperty("sample", "../data/sample/scraping_data.jsonl"));
    List<String> text = Files.readAllLines(sample, StandardCharsets.UTF_8);
    if (text.size() != SAMPLE_LINES) {
      throw new IllegalStateException("expected the " + SAMPLE_LINES + "-line sample at " + sample);
    }
    lines = text.stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
  }

  @Benchmark
  @OperationsPerInvocation(SAMPLE_LINES)
  public void judgeSampleLines(Blackhole blackhole) {
    for (byte[] line : lines) {
      blackhole.consume(judge.judge(line));
    }
  }
}
