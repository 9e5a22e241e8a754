package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.ProvenanceHeaders;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one-pass header reader says what {@link Provenance#fromHeaders} and {@link Redrive#runOf} say. */
class RawHeaderReaderTest {

  static Stream<Headers> headers() {
    return Stream.of(
        connector("landing", "a.jsonl", "etag-1", "7", "1764633600000"),
        connector("landing", "a.jsonl", "etag-1", " 8 ", "+1764633600001"),
        connector("landing", "Zürich.jsonl", "etag-2", "not a number", "99999999999999999999"),
        connector("landing", "a.jsonl", "etag-1", "", "0007")
            .add(ProvenanceHeaders.LINE_TRUNCATED, utf8("TRUE")),
        connector("landing", "a.jsonl", "etag-1", "1", "1").add(ProvenanceHeaders.LINE_INVALID_UTF8, utf8("true")),
        connector("landing", "a.jsonl", "etag-1", "1", "1").add(ProvenanceHeaders.LINE_TRUNCATED, utf8("no")),
        connector("landing", "a.jsonl", "etag-1", "3", "1").add(Redrive.OF, utf8("s3://landing/a.jsonl@etag-1#3")),
        connector("landing", "a.jsonl", "etag-1", "3", "1").add(Redrive.OF, utf8("s3://landing/a.jsonl@etag-1#3"))
            .add(Redrive.ID, utf8("run-9")),
        connector("landing", "a.jsonl", "etag-1", "3", "1").add(Redrive.OF, utf8("x")).add(Redrive.ID, utf8("  ")),
        connector("landing", "a.jsonl", "etag-1", "3", "1").add(Redrive.OF, null),
        // later headers win
        connector("landing", "a.jsonl", "etag-1", "3", "1").add(ProvenanceHeaders.SOURCE_KEY, utf8("b.jsonl")),
        new RecordHeaders().add(ProvenanceHeaders.SOURCE_BUCKET, null).add("other", utf8("x")),
        new RecordHeaders());
  }

  @ParameterizedTest
  @MethodSource("headers")
  void readsWhatTheSingleHeaderReadersRead(Headers headers) {
    RawHeaderReader.RawHeaders read = new RawHeaderReader().read(headers);

    assertThat(read.provenance()).isEqualTo(Provenance.fromHeaders(headers));
    assertThat(read.redriveRun()).isEqualTo(Redrive.runOf(headers));
    assertThat(read.truncated()).isEqualTo(Provenance.isTrue(headers, ProvenanceHeaders.LINE_TRUNCATED));
    assertThat(read.invalidUtf8()).isEqualTo(Provenance.isTrue(headers, ProvenanceHeaders.LINE_INVALID_UTF8));
  }

  @Test
  void reusesTheObjectStringsWhileTheyRepeatAndDecodesANewObject() {
    RawHeaderReader reader = new RawHeaderReader();
    Provenance first = reader.read(connector("landing", "a.jsonl", "etag-1", "1", "5")).provenance();
    Provenance second = reader.read(connector("landing", "a.jsonl", "etag-1", "2", "5")).provenance();
    Provenance other = reader.read(connector("landing", "b.jsonl", "etag-1", "1", "5")).provenance();

    assertThat(second.key()).isSameAs(first.key());
    assertThat(second.bucket()).isSameAs(first.bucket());
    assertThat(second.line()).isEqualTo(2L);
    assertThat(other.key()).isEqualTo("b.jsonl");
    assertThat(other.etag()).isSameAs(first.etag());
  }

  @Test
  void readsNoHeadersAsAnUnknownObject() {
    assertThat(new RawHeaderReader().read(null).provenance()).isEqualTo(Provenance.UNKNOWN);
  }

  private static Headers connector(String bucket, String key, String etag, String line, String ingestedAt) {
    return new RecordHeaders()
        .add(ProvenanceHeaders.SOURCE_BUCKET, utf8(bucket))
        .add(ProvenanceHeaders.SOURCE_KEY, utf8(key))
        .add(ProvenanceHeaders.SOURCE_ETAG, utf8(etag))
        .add(ProvenanceHeaders.SOURCE_LINE, utf8(line))
        .add(ProvenanceHeaders.SOURCE_FORMAT, utf8("jsonl"))
        .add(ProvenanceHeaders.INGEST_TS, utf8(ingestedAt));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
