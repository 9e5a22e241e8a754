package dev.listings.ingest.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.ingest.discovery.S3EventParser.Kind;
import dev.listings.ingest.discovery.S3EventParser.S3Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class S3EventParserTest {
  private final S3EventParser parser = new S3EventParser();

  static String notification(String eventName, String bucket, String encodedKey, String etag) {
    return """
        {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-central-1",
        "eventTime":"2024-05-01T10:00:00.000Z","eventName":"%s",
        "s3":{"s3SchemaVersion":"1.0","configurationId":"landing",
        "bucket":{"name":"%s","arn":"arn:aws:s3:::%s"},
        "object":{"key":"%s","size":123,"eTag":"%s","sequencer":"0055AED6DCD90281E5"}}}]}
        """.formatted(eventName, bucket, bucket, encodedKey, etag);
  }

  static String eventBridge(String detailType, String bucket, String key, String etag) {
    return """
        {"version":"0","id":"17793124-05d4-b198-2fde-7ededc63b103","detail-type":"%s","source":"aws.s3",
        "account":"111122223333","time":"2024-05-01T11:00:00Z","region":"eu-central-1",
        "resources":["arn:aws:s3:::%s"],
        "detail":{"version":"0","bucket":{"name":"%s"},
        "object":{"key":"%s","size":5,"etag":"%s","sequencer":"617f08299329d189"},
        "request-id":"N4N7GDK58NMKJ12R","requester":"111122223333","reason":"PutObject"}}
        """.formatted(detailType, bucket, bucket, key, etag);
  }

  @Test
  void readsAnS3NotificationAndDecodesItsKey() {
    S3EventParser.Parsed parsed =
        parser.parse(notification("ObjectCreated:Put", "landing", "in/red+flower%2B1%3A2.jsonl", "abc"));
    assertThat(parsed.kind()).isEqualTo(Kind.OBJECT_EVENTS);
    assertThat(parsed.events()).containsExactly(new S3Event("landing", "in/red flower+1:2.jsonl", "abc", 123,
        Instant.parse("2024-05-01T10:00:00Z"), true));
  }

  @Test
  void readsAnEventBridgeObjectCreatedEvent() {
    S3EventParser.Parsed parsed = parser.parse(eventBridge("Object Created", "landing", "in/a+b.csv", "e1"));
    assertThat(parsed.events()).containsExactly(
        new S3Event("landing", "in/a b.csv", "e1", 5, Instant.parse("2024-05-01T11:00:00Z"), true));
  }

  @Test
  void marksRemovalsAndOtherEventsAsNotCreated() {
    assertThat(parser.parse(notification("ObjectRemoved:Delete", "b", "k", "e")).events())
        .singleElement().satisfies(e -> assertThat(e.created()).isFalse());
    assertThat(parser.parse(eventBridge("Object Deleted", "b", "k", "e")).events())
        .singleElement().satisfies(e -> assertThat(e.created()).isFalse());
  }

  @Test
  void recognisesTheTestEventS3SendsWhenNotificationsAreConfigured() {
    String test = """
        {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2024-05-01T10:00:00.000Z",
        "Bucket":"landing","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+"}
        """;
    assertThat(parser.parse(test).kind()).isEqualTo(Kind.TEST_EVENT);
  }

  @Test
  void unwrapsAnEventDeliveredThroughSns() {
    String inner = notification("ObjectCreated:CompleteMultipartUpload", "b", "k.jsonl", "m-2");
    String sns = "{\"Type\":\"Notification\",\"MessageId\":\"1\",\"TopicArn\":\"arn:aws:sns:x\",\"Message\":"
        + com.fasterxml.jackson.databind.node.TextNode.valueOf(inner) + "}";
    assertThat(parser.parse(sns).events()).singleElement()
        .satisfies(e -> assertThat(e.etag()).isEqualTo("m-2"));
  }

  @Test
  void saysWhatItDoesNotUnderstand() {
    assertThat(parser.parse("hello").kind()).isEqualTo(Kind.UNRECOGNIZED);
    assertThat(parser.parse("{\"some\":\"thing\"}").problem()).contains("neither");
    assertThat(parser.parse("{\"Records\":[{\"s3\":{}}]}").kind()).isEqualTo(Kind.UNRECOGNIZED);
  }
}
