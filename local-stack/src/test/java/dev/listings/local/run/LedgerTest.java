package dev.listings.local.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private static final ObjectRef OBJECT = new ObjectRef("landing", "in/a.jsonl", "e1");

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] audit(long lines) {
    return json("{\"bucket\":\"landing\",\"key\":\"in/a.jsonl\",\"etag\":\"e1\",\"lines\":" + lines
        + ",\"status\":\"completed\",\"error\":null}");
  }

  private static byte[] counts(long curated, long rejected, long duplicates) {
    return json("{\"bucket\":\"landing\",\"key\":\"in/a.jsonl\",\"etag\":\"e1\",\"curated\":" + curated
        + ",\"rejected\":" + rejected + ",\"duplicates\":" + duplicates
        + ",\"rejected_by_reason\":{\"AREA_INVALID\":" + rejected + "}}");
  }

  @Test
  void sumsTheLatestCountsOfEveryTaskForAnObject() {
    Ledger ledger = new Ledger();
    ledger.applyAudit(audit(10));
    ledger.applyLedger("0_0|x", counts(1, 0, 0));
    ledger.applyLedger("0_0|x", counts(3, 1, 0)); // replaces the first value of that key
    ledger.applyLedger("1_0|x", counts(4, 0, 2));

    Ledger.ObjectCounts counts = ledger.perObject().get(OBJECT);
    assertThat(counts.curated()).isEqualTo(7);
    assertThat(counts.rejected()).isEqualTo(1);
    assertThat(counts.duplicates()).isEqualTo(2);
    assertThat(counts.complete()).isTrue();
    assertThat(ledger.rejectedByReason()).containsEntry("AREA_INVALID", 1L);
  }

  @Test
  void isNotCompleteUntilTheAuditArrivesAndTheCountsMatch() {
    Ledger ledger = new Ledger();
    ledger.applyLedger("0_0|x", counts(5, 0, 0));
    assertThat(ledger.perObject().get(OBJECT).complete()).isFalse();
    ledger.applyAudit(audit(6));
    assertThat(ledger.perObject().get(OBJECT).complete()).isFalse();
    ledger.applyLedger("1_0|x", counts(0, 0, 1));
    assertThat(ledger.perObject().get(OBJECT).complete()).isTrue();
  }

  @Test
  void refusesARecordThatIsNotJson() {
    assertThatThrownBy(() -> new Ledger().applyAudit(json("not json")))
        .hasMessageContaining("not valid JSON");
  }
}
