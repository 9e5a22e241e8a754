package dev.listings.cleaner.streams;

import dev.listings.schemas.ProvenanceHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Headers of a reject record: the input's provenance headers repeated, plus {@code reject.reason}, so Kafka UI can
 * filter rejects by reason, object or line without reading the JSON.
 */
public final class RejectHeaders {
  private RejectHeaders() {}

  /** A new header set: copies of the input's headers (input left untouched) and the primary reason. */
  public static Headers of(Headers input, String reason) {
    RecordHeaders headers = new RecordHeaders();
    if (input != null) {
      for (Header header : input) {
        if (!header.key().equals(ProvenanceHeaders.REJECT_REASON)) {
          headers.add(header.key(), header.value());
        }
      }
    }
    headers.add(ProvenanceHeaders.REJECT_REASON, reason.getBytes(StandardCharsets.UTF_8));
    return headers;
  }
}
