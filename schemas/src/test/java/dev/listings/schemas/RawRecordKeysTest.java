package dev.listings.schemas;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawRecordKeysTest {
  private static final String OBJECT = "s3://landing/a.jsonl";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
      {"id":"0000a4fb","raw_price":"530 000€/mo."}          | 0000a4fb
      {"raw_price":"1","living_area":{"id":"inner"},"id":"b"} | b
      {"id":"  padded  "}                                     | padded
      {"id":12345}                                            | 12345
      {"id":123456789012345678901234567890}                   | 123456789012345678901234567890
      {"id":-7}                                               | -7
      {"id":"id-first","id":"second"}                         | id-first
      {"id":"ok", broken                                      | ok
      {"id":""}                                               | NULL
      {"id":"   "}                                            | NULL
      {"id":1.5}                                              | NULL
      {"id":null}                                             | NULL
      {"id":["a"]}                                            | NULL
      {"id":{"v":"a"}}                                        | NULL
      {"raw_price":"1"}                                       | NULL
      ["id","a"]                                              | NULL
      "id"                                                    | NULL
      not json                                                | NULL
      {"raw_price":                                           | NULL
      """)
  void readsTheTopLevelIdTheWayTheCleanerDoes(String line, String expectedId) {
    assertThat(RawRecordKeys.listingId(line.getBytes(UTF_8))).isEqualTo(expectedId);
    assertThat(RawRecordKeys.of(line.getBytes(UTF_8), OBJECT)).isEqualTo(expectedId == null ? OBJECT : expectedId);
  }

  @Test
  void fallsBackToTheObjectForEmptyAndNonUtf8Lines() {
    assertThat(RawRecordKeys.of(new byte[0], OBJECT)).isEqualTo(OBJECT);
    assertThat(RawRecordKeys.of(null, OBJECT)).isEqualTo(OBJECT);
    assertThat(RawRecordKeys.of(new byte[] {(byte) 0xff, (byte) 0xfe, '{'}, OBJECT)).isEqualTo(OBJECT);
  }

  @Test
  void comparesKeyBytesWithTheId() {
    assertThat(RawRecordKeys.isKeyedBy("é1".getBytes(UTF_8), "é1")).isTrue();
    assertThat(RawRecordKeys.isKeyedBy(OBJECT.getBytes(UTF_8), "é1")).isFalse();
    assertThat(RawRecordKeys.isKeyedBy(null, "é1")).isFalse();
  }
}
