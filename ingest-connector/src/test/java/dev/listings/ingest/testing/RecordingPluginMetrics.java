package dev.listings.ingest.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;

/** Plugin metrics that keep what is registered, so tests can read gauges by name. */
public final class RecordingPluginMetrics implements PluginMetrics {
  private final Map<String, MetricValueProvider<?>> metrics = new ConcurrentHashMap<>();

  @Override
  public MetricName metricName(String name, String description, LinkedHashMap<String, String> tags) {
    return new MetricName(name, "plugins", description, tags);
  }

  @Override
  public void addMetric(MetricName name, MetricValueProvider<?> provider) {
    metrics.put(name.name(), provider);
  }

  @Override
  public void removeMetric(MetricName name) {
    metrics.remove(name.name());
  }

  @Override
  public Sensor addSensor(String name) {
    throw new UnsupportedOperationException("not used");
  }

  @Override
  public void removeSensor(String name) {}

  public long value(String name) {
    Object value = ((Gauge<?>) metrics.get(name)).value(new MetricConfig(), System.currentTimeMillis());
    return ((Number) value).longValue();
  }

  public boolean has(String name) {
    return metrics.containsKey(name);
  }
}
