package dev.listings.ingest.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * SQS message bodies as AWS delivers them for a bucket: S3 event notifications (keys URL-encoded, as S3 sends them),
 * EventBridge events (keys as they are), and the test event S3 sends when a notification is configured.
 */
public final class S3Events {
  private static final ObjectMapper JSON = new ObjectMapper();

  private S3Events() {}

  /** An S3 event notification with one record, e.g. {@code ObjectCreated:Put} or {@code ObjectRemoved:Delete}. */
  public static String notification(String eventName, String bucket, String key, String etag, long size) {
    ObjectNode record = JSON.createObjectNode()
        .put("eventVersion", "2.1")
        .put("eventSource", "aws:s3")
        .put("awsRegion", "eu-central-1")
        .put("eventTime", Instant.now().toString())
        .put("eventName", eventName);
    ObjectNode s3 = record.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "landing-events");
    s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
    ObjectNode object = s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8))
        .put("size", size).put("sequencer", "0055AED6DCD90281E5");
    if (etag != null) {
      object.put("eTag", etag);
    }
    ObjectNode body = JSON.createObjectNode();
    body.putArray("Records").add(record);
    return body.toString();
  }

  /** An EventBridge S3 event, e.g. detail type {@code Object Created} or {@code Object Deleted}. */
  public static String eventBridge(String detailType, String bucket, String key, String etag, long size) {
    ObjectNode body = JSON.createObjectNode()
        .put("version", "0")
        .put("id", "17793124-05d4-b198-2fde-7ededc63b103")
        .put("detail-type", detailType)
        .put("source", "aws.s3")
        .put("account", "111122223333")
        .put("time", Instant.now().toString().replaceAll("\\.\\d+Z$", "Z"))
        .put("region", "eu-central-1");
    body.putArray("resources").add("arn:aws:s3:::" + bucket);
    ObjectNode detail = body.putObject("detail").put("version", "0");
    detail.putObject("bucket").put("name", bucket);
    ObjectNode object = detail.putObject("object").put("key", key).put("size", size)
        .put("sequencer", "617f08299329d189");
    if (etag != null) {
      object.put("etag", etag);
    }
    detail.put("request-id", "N4N7GDK58NMKJ12R").put("requester", "111122223333").put("reason", "PutObject");
    return body.toString();
  }

  /** The {@code s3:TestEvent} S3 sends once when a bucket notification to the queue is configured. */
  public static String testEvent(String bucket) {
    return JSON.createObjectNode()
        .put("Service", "Amazon S3")
        .put("Event", "s3:TestEvent")
        .put("Time", Instant.now().toString())
        .put("Bucket", bucket)
        .put("RequestId", "5582815E1AEA5ADF")
        .put("HostId", "8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+")
        .toString();
  }
}
