package dev.listings.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientsTest {
  @AfterEach
  void dropScope() {
    InMemorySchemaRegistryClient.dropScope("clients-test");
  }

  @Test
  void mockUrlSelectsTheScopesInMemoryRegistry() {
    SchemaRegistryClient client =
        SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "mock://clients-test"));

    assertThat(client).isSameAs(InMemorySchemaRegistryClient.forScope("clients-test"));
  }

  @Test
  void httpUrlsSelectTheRestClientWithEveryUrl() {
    SchemaRegistryClient client = SchemaRegistryClients.fromConfig(
        Map.of("schema.registry.url", "http://a:8081, https://b:8443/ccompat/"));

    assertThat(client).isInstanceOfSatisfying(RestSchemaRegistryClient.class,
        rest -> assertThat(rest.baseUrls()).containsExactly("http://a:8081", "https://b:8443/ccompat"));
  }

  @Test
  void refusesMissingOrMixedUrlsAndBadSettings() {
    assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
    assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(
        Map.of("schema.registry.url", "mock://x,http://a:8081")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("mock://");
    assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "http://a:8081",
        "basic.auth.credentials.source", "SASL_INHERIT")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> SchemaRegistryClients.fromConfig(Map.of("schema.registry.url", "http://a:8081",
        "basic.auth.credentials.source", "USER_INFO")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("basic.auth.user.info");
  }

  @Test
  void readsCredentialsFromPlainOrPrefixedKeysUnlessTheSourceIsUrl() {
    assertThat(new RegistryClientConfig(Map.of("basic.auth.user.info", "u:p")).basicAuthUserInfo())
        .isEqualTo("u:p");
    assertThat(new RegistryClientConfig(Map.of("schema.registry.basic.auth.user.info", "v:q")).basicAuthUserInfo())
        .isEqualTo("v:q");
    assertThat(new RegistryClientConfig(Map.of("basic.auth.user.info", "u:p",
        "basic.auth.credentials.source", "URL")).basicAuthUserInfo()).isNull();
  }
}
