package dev.listings.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * How values of one schema are written to one subject: the schema id to frame them with and the datum writer, built
 * once and reused for every record. When the registry's latest schema differs in layout from the value's own schema
 * ({@code use.latest.version}), the value is first resolved into the latest schema by Avro's schema resolution.
 */
final class WritePlan {
  private final int schemaId;
  private final DatumWriter<Object> writer;
  private final Rewrite rewrite;

  private record Rewrite(DatumWriter<Object> ownWriter, DatumReader<Object> resolver) {}

  private WritePlan(int schemaId, DatumWriter<Object> writer, Rewrite rewrite) {
    this.schemaId = schemaId;
    this.writer = writer;
    this.rewrite = rewrite;
  }

  /** Writes values with their own schema under {@code schemaId}. */
  static WritePlan direct(int schemaId, Schema schema, boolean specific, Class<?> type) {
    return new WritePlan(schemaId, writerFor(schema, specific, type), null);
  }

  /** Writes values of {@code own} schema as the registry's {@code target} schema under {@code targetId}. */
  static WritePlan into(int targetId, Schema target, Schema own, boolean specific, Class<?> type) {
    if (SchemaNormalization.toParsingForm(target).equals(SchemaNormalization.toParsingForm(own))) {
      return direct(targetId, own, specific, type);
    }
    var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(target, own);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw new IllegalArgumentException("The subject's latest schema (id " + targetId
          + ") cannot represent values of " + own.getFullName() + ": "
          + compatibility.getResult().getIncompatibilities());
    }
    Rewrite rewrite = new Rewrite(writerFor(own, specific, type), new GenericDatumReader<>(own, target));
    return new WritePlan(targetId, new GenericDatumWriter<>(target, GenericData.get()), rewrite);
  }

  int schemaId() {
    return schemaId;
  }

  byte[] write(Object datum) throws IOException {
    Object value = rewrite == null ? datum : resolve(datum);
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    ConfluentWireFormat.writeHeader(out, schemaId);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    writer.write(value, encoder);
    encoder.flush();
    return out.toByteArray();
  }

  private Object resolve(Object datum) throws IOException {
    ByteArrayOutputStream own = new ByteArrayOutputStream(128);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(own, null);
    rewrite.ownWriter().write(datum, encoder);
    encoder.flush();
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(own.toByteArray(), null);
    return rewrite.resolver().read(null, decoder);
  }

  @SuppressWarnings("unchecked")
  private static DatumWriter<Object> writerFor(Schema schema, boolean specific, Class<?> type) {
    if (specific) {
      // The generated class's conversions (LocalDate, Instant), on a model bound to the class's own loader.
      SpecificData model = SpecificModels.forType((Class<? extends SpecificRecord>) type);
      return new SpecificDatumWriter<>(schema, model);
    }
    return new GenericDatumWriter<>(schema, GenericData.get());
  }
}
