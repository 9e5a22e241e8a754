package dev.listings.cleaner.app;

import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.infra.registry.EmbeddedSchemaRegistry;
import dev.listings.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starts an embedded KRaft broker with the cleaner's topics and an embedded schema registry before the app, and points
 * the app at them (no Dev Services), with a short ledger publish interval so the test runs in seconds.
 */
public class CleanerStackResource implements QuarkusTestResourceLifecycleManager {
  private CleanerStack stack;
  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("cleaner-app-it");
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
      broker.createTopic(Topics.RAW, 2, Map.of());
      broker.createTopic(Topics.CURATED, 2, Map.of());
      broker.createTopic(Topics.REJECTS, 2, Map.of());
      broker.createTopic(Topics.LEDGER, 1, Map.of("cleanup.policy", "compact"));
      broker.createTopic(Topics.APP_ERRORS, 1, Map.of());
      // The registry's topic is created (and known to the broker's metadata) before the registry starts: the registry
      // describes it right after creating it, which a freshly started broker may not answer yet.
      broker.createTopic(Topics.SCHEMAS, 1, Map.of("cleanup.policy", "compact"));
      awaitDescribable(broker, Topics.SCHEMAS);
      EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrapServers(), 0, Topics.SCHEMAS);
      stack = new CleanerStack(broker, registry);

      Map<String, String> config = new HashMap<>();
      config.put("quarkus.kafka-streams.bootstrap-servers", broker.bootstrapServers());
      config.put("cleaner.serde.schema-registry-url", registry.url());
      config.put("cleaner.ledger.publish-interval", "200ms");
      config.put("kafka-streams.state.dir", dir.resolve("state").toString());
      config.put("kafka-streams.replication.factor", "1");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitDescribable(EmbeddedKafkaBroker broker, String topic) {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      try {
        broker.admin().describeTopics(Set.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("topic " + topic + " is not known to the broker", e);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(stack, new TestInjector.MatchesType(CleanerStack.class));
  }

  @Override
  public void stop() {
    if (stack != null) {
      stack.registry().close();
      stack.broker().close();
    }
    if (dir != null) {
      try (var paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }
  }
}
