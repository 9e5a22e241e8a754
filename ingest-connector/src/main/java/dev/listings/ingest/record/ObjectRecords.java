package dev.listings.ingest.record;

import dev.listings.ingest.discovery.S3ObjectRef;
import dev.listings.ingest.offset.ObjectOffset;
import dev.listings.ingest.read.SourceFormat;
import dev.listings.ingest.read.SourceLine;
import dev.listings.schemas.ProvenanceHeaders;
import dev.listings.schemas.RawRecordKeys;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Builds the records of one object version: raw records (key the listing id when the line has one, else {@code
 * s3://bucket/key}, see {@link RawRecordKeys}; value the line's bytes; the provenance headers) and its audit record
 * (key {@code s3://bucket/key}). All carry the object's source partition and the offset reached with
 * them, so that Connect commits progress together with the records.
 */
public final class ObjectRecords {
  /** Set on a CSV row sent as its own bytes rather than as a JSON object; the value says why. */
  public static final String CSV_UNCONVERTED = "ingest.csv.unconverted";

  private static final SchemaAndValue TRUE = new SchemaAndValue(Schema.STRING_SCHEMA, "true");

  private final String topic;
  private final String auditTopic;
  private final Map<String, String> partition;
  private final String recordKey;
  private final SchemaAndValue bucket;
  private final SchemaAndValue key;
  private final SchemaAndValue etag;
  private final SchemaAndValue format;

  public ObjectRecords(String topic, String auditTopic, S3ObjectRef ref, SourceFormat sourceFormat) {
    this.topic = topic;
    this.auditTopic = auditTopic;
    this.partition = ObjectOffset.partition(ref.bucket(), ref.key());
    this.recordKey = ref.uri();
    this.bucket = text(ref.bucket());
    this.key = text(ref.key());
    this.etag = text(ref.etag());
    this.format = text(sourceFormat.headerValue());
  }

  public SourceRecord line(SourceLine line, ObjectOffset offset, long ingestTs) {
    ConnectHeaders headers = provenance();
    headers.add(ProvenanceHeaders.SOURCE_LINE, text(Long.toString(line.line())));
    headers.add(ProvenanceHeaders.INGEST_TS, text(Long.toString(ingestTs)));
    if (line.truncated()) {
      headers.add(ProvenanceHeaders.LINE_TRUNCATED, TRUE);
    }
    if (line.invalidUtf8()) {
      headers.add(ProvenanceHeaders.LINE_INVALID_UTF8, TRUE);
    }
    if (line.unconverted() != null) {
      headers.add(CSV_UNCONVERTED, text(line.unconverted()));
    }
    // A cut or non-UTF-8 line is rejected whatever it holds: it keeps the object's key, never a guessed id.
    String lineKey = line.truncated() || line.invalidUtf8() ? recordKey : RawRecordKeys.of(line.value(), recordKey);
    return new SourceRecord(partition, offset.toMap(), topic, null, Schema.STRING_SCHEMA, lineKey,
        Schema.BYTES_SCHEMA, line.value(), ingestTs, headers);
  }

  public SourceRecord audit(AuditEvent event, ObjectOffset offset, long ingestTs) {
    ConnectHeaders headers = provenance();
    headers.add(ProvenanceHeaders.INGEST_TS, text(Long.toString(ingestTs)));
    return new SourceRecord(partition, offset.toMap(), auditTopic, null, Schema.STRING_SCHEMA, recordKey,
        Schema.BYTES_SCHEMA, event.toJson(), ingestTs, headers);
  }

  private ConnectHeaders provenance() {
    ConnectHeaders headers = new ConnectHeaders();
    headers.add(ProvenanceHeaders.SOURCE_BUCKET, bucket);
    headers.add(ProvenanceHeaders.SOURCE_KEY, key);
    headers.add(ProvenanceHeaders.SOURCE_ETAG, etag);
    headers.add(ProvenanceHeaders.SOURCE_FORMAT, format);
    return headers;
  }

  private static SchemaAndValue text(String value) {
    return new SchemaAndValue(Schema.STRING_SCHEMA, value);
  }
}
