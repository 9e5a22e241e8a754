package dev.listings.k8s;

import dev.listings.k8s.render.Resource;
import dev.listings.sink.TableMapping;
import dev.listings.sink.TableSinkConfig;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;

/**
 * The table sink as an overlay deploys it, read the way {@code TableSinkMain} reads its settings: the properties file
 * its first argument names (a file of a mounted ConfigMap), overridden by the {@code SINK_*} variables.
 */
final class TableSinkDeployment {
  static final String WORKLOAD = "listings-table-sink";
  static final String CONTAINER = "table-sink";
  private static final String ENV_PREFIX = "SINK_";

  private TableSinkDeployment() {}

  /** The sink's settings: the file's, then the variables' ({@code SINK_A_B__C} sets {@code a.b-c}). */
  static Map<String, String> settings(Overlay overlay) {
    Map<String, String> settings = new LinkedHashMap<>(fileSettings(overlay));
    envSettings(overlay).forEach(settings::put);
    return settings;
  }

  /** The settings of the properties file given as the container's first argument; empty without arguments. */
  static Map<String, String> fileSettings(Overlay overlay) {
    Resource workload = overlay.get("Deployment", WORKLOAD);
    Map<String, Object> container = Overlay.container(workload, CONTAINER);
    List<Object> args = Resource.list(container, "args");
    if (args == null || args.isEmpty()) {
      return Map.of();
    }
    String file = String.valueOf(args.get(0));
    for (Map<String, Object> mount : Resource.maps(container, "volumeMounts")) {
      String dir = Resource.string(mount, "mountPath");
      if (file.startsWith(dir + "/")) {
        String volume = Resource.string(mount, "name");
        Map<String, Object> source = Resource.maps(Overlay.podSpec(workload), "volumes").stream()
            .filter(v -> volume.equals(v.get("name"))).findFirst()
            .orElseThrow(() -> new NoSuchElementException("volume " + volume + " of " + workload));
        String configMap = Resource.string(source, "configMap", "name");
        if (configMap == null) {
          throw new NoSuchElementException(file + " is on volume " + volume + ", which is no ConfigMap");
        }
        String key = file.substring(dir.length() + 1);
        String text = Resource.string(overlay.get("ConfigMap", configMap).body(), "data", key);
        if (text == null) {
          throw new NoSuchElementException("ConfigMap " + configMap + " has no " + key + " (the sink reads " + file
              + ")");
        }
        return load(text);
      }
    }
    throw new NoSuchElementException(file + ", the sink's settings file, is on no volume of " + workload);
  }

  /** The {@code SINK_*} variables as settings. */
  static Map<String, String> envSettings(Overlay overlay) {
    Map<String, String> settings = new LinkedHashMap<>();
    overlay.env(overlay.get("Deployment", WORKLOAD), CONTAINER).forEach((variable, value) -> {
      if (variable.startsWith(ENV_PREFIX)) {
        settings.put(variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace("__", "-")
            .replace('_', '.'), value);
      }
    });
    return settings;
  }

  /** The tables the sink writes. */
  static List<TableMapping> tables(Overlay overlay) {
    return TableSinkConfig.fromProperties(settings(overlay)).tables();
  }

  private static Map<String, String> load(String text) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> settings = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> settings.put(k, properties.getProperty(k)));
    return settings;
  }
}
