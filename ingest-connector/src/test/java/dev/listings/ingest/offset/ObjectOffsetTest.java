package dev.listings.ingest.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class ObjectOffsetTest {
  @Test
  void serializesItsSourcePartitionAlwaysTheSameWaySoThatAnotherJvmFindsTheOffsets() {
    // Connect stores an offset under [connector, partition] written by its JSON converter, in map iteration order.
    try (JsonConverter converter = new JsonConverter()) {
      converter.configure(Map.of("schemas.enable", "false"), true);
      byte[] key = converter.fromConnectData("connect-offsets", null,
          Arrays.asList("s3-landing", ObjectOffset.partition("landing", "in/a.jsonl")));
      assertThat(new String(key, StandardCharsets.UTF_8))
          .isEqualTo("[\"s3-landing\",{\"bucket\":\"landing\",\"key\":\"in/a.jsonl\"}]");
    }
    assertThat(ObjectOffset.partition("landing", "in/a.jsonl").keySet()).containsExactly("bucket", "key");
  }

  @Test
  void survivesTheTripThroughItsStoredForm() {
    ObjectOffset offset = new ObjectOffset("abc", 12, 3456, 11, 9999, 1_700_000_000_000L, false);
    assertThat(ObjectOffset.fromMap(offset.toMap())).isEqualTo(offset);
    assertThat(ObjectOffset.fromMap(null)).isNull();
  }

  @Test
  void acceptsNumbersStoredAsIntegers() {
    Map<String, Object> stored = new HashMap<>(new ObjectOffset("abc", 1, 2, 1, 3, 4, true).toMap());
    stored.put("line", 1);
    stored.put("position", 2);
    assertThat(ObjectOffset.fromMap(stored).line()).isEqualTo(1);
  }

  @Test
  void namesTheFieldThatIsMissingOrOfTheWrongType() {
    Map<String, Object> stored = new HashMap<>(new ObjectOffset("abc", 1, 2, 1, 3, 4, true).toMap());
    stored.remove("etag");
    assertThatThrownBy(() -> ObjectOffset.fromMap(stored)).isInstanceOf(ConnectException.class)
        .hasMessageContaining("'etag'");
    stored.put("etag", "abc");
    stored.put("done", "yes");
    assertThatThrownBy(() -> ObjectOffset.fromMap(stored)).hasMessageContaining("'done' must be true or false");
    stored.put("done", true);
    stored.put("position", -5L);
    assertThatThrownBy(() -> ObjectOffset.fromMap(stored)).hasMessageContaining("negative");
  }

  @Test
  void movesOnOneRecordAtATimeAndFinishes() {
    ObjectOffset start = ObjectOffset.start("e", -1, 5);
    ObjectOffset after = start.after(2, 40, 100).after(3, 55, 100);
    assertThat(after).isEqualTo(new ObjectOffset("e", 3, 55, 2, 100, 5, false));
    assertThat(after.finished(120).done()).isTrue();
    assertThat(after.finished(120).size()).isEqualTo(120);
  }
}
