package dev.listings.infra;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded Connect worker's settings: one worker on one broker, so replication factor 1 and few partitions for
 * its storage topics; exactly-once source support; JSON converters without schemas as the default (connectors name
 * their own); plugins from the classpath and the plugin folder, found through {@code ServiceLoader} manifests only.
 */
final class WorkerSettings {
  private WorkerSettings() {}

  static Map<String, String> of(String bootstrapServers, Path pluginDir, int restPort, Map<String, String> overrides) {
    Map<String, String> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers);
    props.put("group.id", EmbeddedConnectWorker.GROUP_ID);
    props.put("config.storage.topic", "connect-configs");
    props.put("offset.storage.topic", "connect-offsets");
    props.put("status.storage.topic", "connect-status");
    props.put("config.storage.replication.factor", "1");
    props.put("offset.storage.replication.factor", "1");
    props.put("status.storage.replication.factor", "1");
    props.put("offset.storage.partitions", "5");
    props.put("status.storage.partitions", "1");
    props.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
    props.put("key.converter.schemas.enable", "false");
    props.put("value.converter.schemas.enable", "false");
    props.put("listeners", "http://localhost:" + restPort);
    props.put("rest.advertised.host.name", "localhost");
    props.put("plugin.path", pluginDir.toString());
    // Scanning every jar for plugin classes costs seconds on each start; connectors here register as services.
    props.put("plugin.discovery", "service_load");
    props.put("exactly.once.source.support", "enabled");
    props.put("offset.flush.interval.ms", "1000");
    // One worker: nothing to wait for before reassigning the work of a worker that left.
    props.put("scheduled.rebalance.max.delay.ms", "0");
    props.put("task.shutdown.graceful.timeout.ms", "10000");
    props.putAll(overrides);
    return props;
  }
}
