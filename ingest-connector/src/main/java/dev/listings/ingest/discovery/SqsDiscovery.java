package dev.listings.ingest.discovery;

import dev.listings.ingest.aws.S3ObjectStore;
import dev.listings.ingest.discovery.S3EventParser.S3Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * Event mode: receives S3 event notifications from SQS. A message is deleted only once every object it announces is
 * settled (its records committed to Kafka, or nothing to send), and its visibility is extended meanwhile, so a task
 * that dies leaves the message to be received again. Test events, removals and objects outside the filter are
 * acknowledged at once; a message about an object another task owns is handed back; a message that cannot be
 * understood is left alone, for the queue's redrive policy to move it to a dead-letter queue.
 */
public final class SqsDiscovery implements Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(SqsDiscovery.class);
  private static final int MAX_MESSAGES = 10;
  private static final int WAIT_SECONDS = 1;
  private static final S3ObjectRef UNKNOWN_VERSION = new S3ObjectRef("", "", "", -1, null);

  /** A received message whose objects are not all settled yet. */
  private static final class Lease {
    final String messageId;
    String receipt;
    final Set<ObjectVersion> awaiting;
    Instant renewAt;

    Lease(String messageId, String receipt, Set<ObjectVersion> awaiting, Instant renewAt) {
      this.messageId = messageId;
      this.receipt = receipt;
      this.awaiting = awaiting;
      this.renewAt = renewAt;
    }
  }

  private final SqsClient sqs;
  private final String queueUrl;
  private final S3ObjectStore store;
  private final String bucket;
  private final KeyFilter filter;
  private final TaskShare share;
  private final Duration interval;
  private final int visibilitySeconds;
  private final S3EventParser parser = new S3EventParser();
  private final Map<String, Lease> leases = new LinkedHashMap<>();
  private final SqsAcknowledger acknowledger;
  private Instant nextReceiveAt = Instant.MIN;

  public SqsDiscovery(SqsClient sqs, String queueUrl, S3ObjectStore store, String bucket, KeyFilter filter,
      TaskShare share, Duration interval, int visibilitySeconds) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.store = store;
    this.bucket = bucket;
    this.filter = filter;
    this.share = share;
    this.interval = interval;
    this.visibilitySeconds = visibilitySeconds;
    this.acknowledger = new SqsAcknowledger(sqs, queueUrl);
  }

  @Override
  public Found discover(Instant now) {
    if (now.isBefore(nextReceiveAt)) {
      return Found.NOTHING;
    }
    List<Message> messages =
        sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                .maxNumberOfMessages(MAX_MESSAGES)
                .waitTimeSeconds(WAIT_SECONDS)
                .visibilityTimeout(visibilitySeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP))
            .messages();
    if (messages.isEmpty()) {
      nextReceiveAt = now.plus(interval);
      return Found.NOTHING;
    }
    List<S3ObjectRef> found = new ArrayList<>();
    for (Message message : messages) {
      found.addAll(accept(message, now));
    }
    return new Found(found, false);
  }

  private List<S3ObjectRef> accept(Message message, Instant now) {
    Lease known = leases.get(message.messageId());
    if (known != null) { // received again while its objects are still in flight: keep the newest receipt
      known.receipt = message.receiptHandle();
      return List.of();
    }
    S3EventParser.Parsed parsed = parser.parse(message.body());
    if (parsed.kind() == S3EventParser.Kind.UNRECOGNIZED) {
      LOG.warn("SQS message {} left in the queue: {}", message.messageId(), parsed.problem());
      return List.of();
    }
    List<S3Event> wanted = parsed.events().stream().filter(e -> e.created() && wants(e)).toList();
    if (wanted.isEmpty()) {
      acknowledger.delete(message.receiptHandle());
      return List.of();
    }
    if (!share.owns(wanted.get(0).key())) {
      acknowledger.release(message.receiptHandle());
      return List.of();
    }
    List<S3ObjectRef> refs = new ArrayList<>();
    for (S3Event event : wanted) {
      S3ObjectRef ref = resolve(event, sentAt(message));
      if (ref == UNKNOWN_VERSION) {
        LOG.warn("SQS message {} left for a later delivery: s3://{}/{} has no ETag yet", message.messageId(),
            bucket, event.key());
        return List.of();
      }
      if (ref != null) {
        refs.add(ref);
      }
    }
    if (refs.isEmpty()) {
      acknowledger.delete(message.receiptHandle());
      return List.of();
    }
    Set<ObjectVersion> awaiting = new HashSet<>();
    refs.forEach(r -> awaiting.add(r.version()));
    leases.put(message.messageId(),
        new Lease(message.messageId(), message.receiptHandle(), awaiting, now.plusSeconds(visibilitySeconds / 2)));
    return refs;
  }

  private boolean wants(S3Event event) {
    if (!bucket.equals(event.bucket())) {
      LOG.warn("Skipping an event about bucket {}: this connector ingests {}", event.bucket(), bucket);
      return false;
    }
    return filter.accepts(event.key());
  }

  /**
   * The event's version; an event without ETag gets the current one, none ({@code null}) when the object is gone,
   * and {@link #UNKNOWN_VERSION} when the store tells no ETag (yet).
   */
  private S3ObjectRef resolve(S3Event event, Instant sentAt) {
    Instant appeared = event.time() != null ? event.time() : sentAt;
    if (event.etag() != null) {
      return new S3ObjectRef(bucket, event.key(), event.etag(), event.size(), appeared);
    }
    HeadObjectResponse head = store.head(bucket, event.key());
    if (head == null) {
      LOG.info("s3://{}/{} announced by an event no longer exists", bucket, event.key());
      return null;
    }
    if (head.eTag() == null || head.eTag().isBlank()) {
      return UNKNOWN_VERSION;
    }
    return new S3ObjectRef(bucket, event.key(), head.eTag(), head.contentLength(), appeared);
  }

  private static Instant sentAt(Message message) {
    String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
    try {
      return sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
    } catch (NumberFormatException e) {
      return Instant.now();
    }
  }

  @Override
  public void settled(ObjectVersion version) {
    for (Lease lease : leases.values()) {
      lease.awaiting.remove(version);
    }
  }

  @Override
  public void maintain(Instant now) {
    Iterator<Lease> it = leases.values().iterator();
    while (it.hasNext()) {
      Lease lease = it.next();
      if (lease.awaiting.isEmpty()) {
        acknowledger.delete(lease.receipt);
        it.remove();
      } else if (!now.isBefore(lease.renewAt)) {
        renew(lease, now, it);
      }
    }
    acknowledger.flush();
  }

  private void renew(Lease lease, Instant now, Iterator<Lease> it) {
    try {
      sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(lease.receipt)
          .visibilityTimeout(visibilitySeconds));
      lease.renewAt = now.plusSeconds(visibilitySeconds / 2);
    } catch (SqsException e) {
      if (e.statusCode() >= 500 || e.isThrottlingException()) {
        throw e;
      }
      LOG.warn("Lost the lease on SQS message {} ({}); it will be received again and acknowledged then",
          lease.messageId, e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
      it.remove();
    }
  }

  /** Messages received and not deleted yet. */
  public int inFlight() {
    return leases.size();
  }

  @Override
  public void close() {
    sqs.close();
  }
}
