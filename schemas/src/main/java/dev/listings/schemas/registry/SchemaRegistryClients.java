package dev.listings.schemas.registry;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/** Makes the registry client a configuration asks for: in-memory for {@code mock://<scope>}, REST otherwise. */
public final class SchemaRegistryClients {
  private SchemaRegistryClients() {}

  public static SchemaRegistryClient fromConfig(Map<String, ?> config) {
    RegistryClientConfig clientConfig = new RegistryClientConfig(config);
    List<String> urls = clientConfig.urls();
    if (urls.isEmpty()) {
      throw new ConfigException("Missing required configuration \"" + RegistryClientConfig.URL + "\"");
    }
    long mocks = urls.stream().filter(u -> u.startsWith(RegistryClientConfig.MOCK_SCHEME)).count();
    if (mocks == 0) {
      return new RestSchemaRegistryClient(
          urls, clientConfig.basicAuthUserInfo(), clientConfig.connectTimeout(), clientConfig.readTimeout());
    }
    if (mocks > 1 || urls.size() > 1) {
      throw new ConfigException(RegistryClientConfig.URL + " may hold only one mock:// URL and nothing else: " + urls);
    }
    return InMemorySchemaRegistryClient.forScope(urls.get(0).substring(RegistryClientConfig.MOCK_SCHEME.length()));
  }
}
