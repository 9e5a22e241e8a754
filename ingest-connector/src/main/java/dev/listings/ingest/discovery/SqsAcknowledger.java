package dev.listings.ingest.discovery;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;

/**
 * Deletes handled messages in batches of ten and hands messages back to the queue. A delete that fails leaves the
 * message to be received again, which is harmless: its objects are then found done and it is deleted then.
 */
final class SqsAcknowledger {
  private static final Logger LOG = LoggerFactory.getLogger(SqsAcknowledger.class);
  private static final int BATCH = 10;

  private final SqsClient sqs;
  private final String queueUrl;
  private final List<String> pending = new ArrayList<>();

  SqsAcknowledger(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  void delete(String receipt) {
    pending.add(receipt);
  }

  /** Makes the message visible again at once, for the task that owns its object. */
  void release(String receipt) {
    sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receipt).visibilityTimeout(0));
  }

  /** Sends the pending deletes; those not sent because of an error stay pending for the next call. */
  void flush() {
    while (!pending.isEmpty()) {
      List<String> chunk = pending.subList(0, Math.min(BATCH, pending.size()));
      List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = 0; i < chunk.size(); i++) {
        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i)).receiptHandle(chunk.get(i)).build());
      }
      DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
      chunk.clear();
      for (BatchResultErrorEntry failed : response.failed()) {
        LOG.warn("Could not delete an SQS message ({}: {}); it will be received again and acknowledged then",
            failed.code(), failed.message());
      }
    }
  }

  int pendingDeletes() {
    return pending.size();
  }
}
