package dev.listings.cleaner.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The ledger store's encoding: the fast ASCII path writes exactly the general format, and both decode back. */
class LedgerCodecTest {

  static Stream<LedgerEntry> entries() {
    return Stream.of(
        new LedgerEntry("landing", "scrapes/2026-12-01/part-0001.jsonl", "0a1b2c", 90, 22, 95,
            Map.of("MISSING_FIELD", 5L, "PRICE_UNPARSEABLE", 17L), 1_764_633_600_000L, true, null),
        new LedgerEntry("landing", "a.jsonl", "e", 1, 0, 0, Map.of(), 0, false, "run-7"),
        new LedgerEntry(null, null, null, 0, 0, 0, Map.of(), 0, false, null),
        new LedgerEntry("landing", "Zürich/angebote.jsonl", "e", 3, 1, 2, Map.of("AREA_INVALID", 1L), 42, true, null),
        new LedgerEntry("landing", "nul\u0000in-key", "e", 0, 1, 0, Map.of("MALFORMED_RECORD", 1L), 1, true, null),
        new LedgerEntry("landing", "k", "e", 0, 2, 0, Map.of("Grund-ä", 2L), 1, true, "wiederholung-ü"));
  }

  @ParameterizedTest
  @MethodSource("entries")
  void writesTheGeneralFormatAndReadsItBack(LedgerEntry entry) {
    byte[] encoded = LedgerCodec.encode(entry);
    assertThat(encoded).isEqualTo(LedgerCodec.encodeAny(entry));
    assertThat(LedgerCodec.decode(encoded)).isEqualTo(entry);
  }
}
