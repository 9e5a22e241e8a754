package dev.listings.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the loop commits its batch. */
class SinkLoopTest {
  private static final int MAX = 200_000;
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Duration QUIET = TableSinkConfig.DEFAULT_BATCH_QUIET_WAIT;

  @Test
  void neverCommitsAnEmptyBatch() {
    assertThat(SinkLoop.batchDue(0, 60_000, true, MAX, WAIT, QUIET)).isFalse();
  }

  @Test
  void commitsAFullBatchAtOnce() {
    assertThat(SinkLoop.batchDue(MAX, 0, false, MAX, WAIT, QUIET)).isTrue();
  }

  @Test
  void keepsFillingABatchWhileRecordsKeepComingUntilItsMaximumAge() {
    assertThat(SinkLoop.batchDue(50_000, 4_999, false, MAX, WAIT, QUIET)).isFalse();
    assertThat(SinkLoop.batchDue(50_000, 5_000, false, MAX, WAIT, QUIET)).isTrue();
  }

  @Test
  void commitsEarlyWhenTheTopicsGoQuietOnceTheBatchIsASecondOld() {
    assertThat(SinkLoop.batchDue(10, 999, true, MAX, WAIT, QUIET)).isFalse();
    assertThat(SinkLoop.batchDue(10, 1_000, true, MAX, WAIT, QUIET)).isTrue();
    assertThat(SinkLoop.batchDue(10, 1_000, false, MAX, WAIT, QUIET)).isFalse();
  }

  @Test
  void aMaximumAgeBelowOneSecondAlsoBoundsTheQuietCommit() {
    Duration short300 = Duration.ofMillis(300);
    assertThat(SinkLoop.batchDue(10, 299, true, MAX, short300, QUIET)).isFalse();
    assertThat(SinkLoop.batchDue(10, 300, true, MAX, short300, QUIET)).isTrue();
  }

  @Test
  void aBatchJobThatSaysWhenItsInputIsCompleteCommitsOnlyFullOrOldBatches() {
    Duration minute = Duration.ofMinutes(1);
    assertThat(SinkLoop.batchDue(10, 30_000, true, MAX, minute, minute)).isFalse();
    assertThat(SinkLoop.batchDue(10, 60_000, true, MAX, minute, minute)).isTrue();
    assertThat(SinkLoop.batchDue(MAX, 10, true, MAX, minute, minute)).isTrue();
  }
}
