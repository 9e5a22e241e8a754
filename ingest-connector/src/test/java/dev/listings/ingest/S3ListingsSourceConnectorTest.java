package dev.listings.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.listings.ingest.offset.ObjectOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.Test;

class S3ListingsSourceConnectorTest {
  private final S3ListingsSourceConnector connector = new S3ListingsSourceConnector();

  @Test
  void splitsTheWorkIntoOneShareForEachTask() {
    connector.start(Map.of("s3.bucket", "landing"));
    List<Map<String, String>> tasks = connector.taskConfigs(3);
    assertThat(tasks).hasSize(3);
    assertThat(tasks).extracting(t -> t.get("task.index")).containsExactly("0", "1", "2");
    assertThat(tasks).allSatisfy(t -> {
      assertThat(t.get("task.count")).isEqualTo("3");
      assertThat(t.get("s3.bucket")).isEqualTo("landing");
    });
    assertThat(connector.taskClass()).isEqualTo(S3ListingsSourceTask.class);
  }

  @Test
  void validatesConvertersAndKeysThatGoTogetherOnTheKeysConcerned() {
    Map<String, String> props = new HashMap<>(Map.of("s3.bucket", "b", "discovery.mode", "sqs",
        "value.converter", "org.apache.kafka.connect.json.JsonConverter"));
    Map<String, List<String>> errors = errorsByKey(props);

    assertThat(errors.get("sqs.queue.url")).singleElement().asString().contains("is required");
    assertThat(errors.get("value.converter")).singleElement().asString().contains("ByteArrayConverter");
    assertThat(errors.get("key.converter")).singleElement().asString().contains("StringConverter");
  }

  @Test
  void findsNothingWrongWithACompleteConfiguration() {
    Map<String, String> props = Map.of("s3.bucket", "b",
        "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
        "key.converter", "org.apache.kafka.connect.storage.StringConverter");
    assertThat(errorsByKey(props).values()).allSatisfy(messages -> assertThat(messages).isEmpty());
  }

  @Test
  void supportsExactlyOnceWithPollBoundaries() {
    assertThat(connector.exactlyOnceSupport(Map.of())).isEqualTo(ExactlyOnceSupport.SUPPORTED);
    assertThat(connector.canDefineTransactionBoundaries(Map.of()))
        .isEqualTo(ConnectorTransactionBoundaries.UNSUPPORTED);
  }

  @Test
  void acceptsAlteredOffsetsOfTheRightShapeAndResets() {
    Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    offsets.put(ObjectOffset.partition("b", "k1"), new ObjectOffset("e", 3, 90, 3, 200, 1L, false).toMap());
    offsets.put(ObjectOffset.partition("b", "k2"), null);
    assertThat(connector.alterOffsets(Map.of(), offsets)).isTrue();
  }

  @Test
  void refusesAlteredOffsetsOfAnotherShape() {
    Map<Map<String, ?>, Map<String, ?>> badPartition = new HashMap<>();
    badPartition.put(Map.of("bucket", "b"), null);
    assertThatThrownBy(() -> connector.alterOffsets(Map.of(), badPartition)).isInstanceOf(ConnectException.class)
        .hasMessageContaining("key");

    Map<Map<String, ?>, Map<String, ?>> badOffset = new HashMap<>();
    Map<String, Object> offset = new HashMap<>(new ObjectOffset("e", 3, 90, 3, 200, 1L, false).toMap());
    offset.put("line", "three");
    badOffset.put(ObjectOffset.partition("b", "k"), offset);
    assertThatThrownBy(() -> connector.alterOffsets(Map.of(), badOffset)).isInstanceOf(ConnectException.class)
        .hasMessageContaining("'line' must be a whole number");
  }

  private Map<String, List<String>> errorsByKey(Map<String, String> props) {
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue value : connector.validate(props).configValues()) {
      errors.merge(value.name(), value.errorMessages(), (a, b) -> {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
      });
    }
    return errors;
  }
}
