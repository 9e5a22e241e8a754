package dev.listings.schemas.registry;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Registry client settings, under Confluent's key names so that one configuration map serves this client and
 * Confluent's. Keys may also carry the {@code schema.registry.} prefix Confluent accepts (e.g.
 * {@code schema.registry.basic.auth.user.info}).
 */
public final class RegistryClientConfig extends AbstractConfig {
  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String READ_TIMEOUT_MS = "http.read.timeout.ms";
  /** Prefix under which Confluent also accepts the client keys. */
  public static final String PREFIX = "schema.registry.";
  /** URL scheme that selects a JVM-wide in-memory registry per scope name. */
  public static final String MOCK_SCHEME = "mock://";

  public static final ConfigDef CONFIG_DEF =
      new ConfigDef()
          .define(URL, Type.LIST, List.of(), Importance.HIGH,
              "Comma-separated registry URLs, tried in turn; or mock://<scope> for an in-memory registry.")
          .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, null,
              RegistryClientConfig::validateSource, Importance.MEDIUM,
              "Where basic-auth credentials come from: USER_INFO (basic.auth.user.info) or URL (user:pass@host). "
                  + "Unset: basic.auth.user.info when given, else the URL's user info.")
          .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
              "Basic-auth credentials as user:password.")
          .define(CONNECT_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
              "Connect timeout per registry URL.")
          .define(READ_TIMEOUT_MS, Type.INT, 30_000, ConfigDef.Range.atLeast(1), Importance.LOW,
              "Time allowed for one registry answer.");

  public RegistryClientConfig(Map<String, ?> originals) {
    super(CONFIG_DEF, unprefixed(originals), false);
  }

  public List<String> urls() {
    return getList(URL).stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
  }

  /** Credentials to send on every request, or null to use each URL's own user info (if any). */
  public String basicAuthUserInfo() {
    String source = getString(BASIC_AUTH_CREDENTIALS_SOURCE);
    Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
    if ("URL".equals(source)) {
      return null;
    }
    if ("USER_INFO".equals(source) && userInfo == null) {
      throw new ConfigException(BASIC_AUTH_USER_INFO + " must be set when "
          + BASIC_AUTH_CREDENTIALS_SOURCE + "=USER_INFO");
    }
    return userInfo == null ? null : userInfo.value();
  }

  public Duration connectTimeout() {
    return Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS));
  }

  public Duration readTimeout() {
    return Duration.ofMillis(getInt(READ_TIMEOUT_MS));
  }

  private static void validateSource(String name, Object value) {
    if (value != null && !List.of("USER_INFO", "URL").contains(value)) {
      throw new ConfigException(name, value, "must be USER_INFO or URL");
    }
  }

  private static Map<String, Object> unprefixed(Map<String, ?> originals) {
    Map<String, Object> result = new HashMap<>(originals);
    originals.forEach((key, value) -> {
      if (key.startsWith(PREFIX) && !key.equals(URL)) {
        result.putIfAbsent(key.substring(PREFIX.length()), value);
      }
    });
    return result;
  }
}
