package dev.listings.ingest.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one CSV row (already split off by {@link LineSplitter}) with Jackson's CSV parser, and writes a row as a JSON
 * object whose keys are the header's names, in header order, and whose values are the fields as strings.
 */
public final class CsvRowConverter {
  private final CsvMapper mapper = new CsvMapper();
  private final CsvSchema schema;
  private final JsonFactory json = new JsonFactory();
  private final ByteArrayBuilder out = new ByteArrayBuilder();

  public CsvRowConverter(char separator) {
    this.schema = CsvSchema.emptySchema().withColumnSeparator(separator).withQuoteChar('"').withoutEscapeChar();
  }

  /** The row's fields; none for an empty row. */
  public List<String> fields(byte[] row) throws IOException {
    List<String> fields = new ArrayList<>();
    try (CsvParser parser = (CsvParser) mapper.getFactory().createParser(row)) {
      parser.setSchema(schema);
      JsonToken token = parser.nextToken();
      if (token == null) {
        return fields;
      }
      if (token != JsonToken.START_ARRAY) {
        throw new IOException("unexpected " + token + " at the start of a row");
      }
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw new IOException("row ends inside a field");
        }
        fields.add(parser.getText());
      }
      if (parser.nextToken() != null) {
        throw new IOException("the row holds more than one CSV record");
      }
    }
    return fields;
  }

  /** {@code {"name":"value",...}} as UTF-8 bytes; names and values must be the same in number. */
  public byte[] toJson(List<String> names, List<String> values) throws IOException {
    out.reset();
    try (JsonGenerator generator = json.createGenerator(out)) {
      generator.writeStartObject();
      for (int i = 0; i < names.size(); i++) {
        generator.writeStringField(names.get(i), values.get(i));
      }
      generator.writeEndObject();
    }
    return out.toByteArray();
  }
}
