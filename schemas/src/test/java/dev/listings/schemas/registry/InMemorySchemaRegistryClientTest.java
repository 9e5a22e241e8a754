package dev.listings.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {
  static final Schema V1 = AvroSchemas.parse("""
      {"type":"record","name":"Listing","namespace":"t","fields":[
        {"name":"id","type":"string"},{"name":"price","type":"double"}]}""");
  static final Schema V2_WITH_DEFAULT = AvroSchemas.parse("""
      {"type":"record","name":"Listing","namespace":"t","fields":[
        {"name":"id","type":"string"},{"name":"price","type":"double"},
        {"name":"currency","type":["null","string"],"default":null}]}""");
  static final Schema V2_REQUIRED_FIELD = AvroSchemas.parse("""
      {"type":"record","name":"Listing","namespace":"t","fields":[
        {"name":"id","type":"string"},{"name":"price","type":"double"},{"name":"area","type":"double"}]}""");

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @AfterEach
  void dropScopes() {
    InMemorySchemaRegistryClient.dropScope("a");
    InMemorySchemaRegistryClient.dropScope("b");
  }

  @Test
  void sharesOneIdPerSchemaAcrossSubjectsAndCountsVersions() {
    int id = registry.register("a-value", V1);
    int same = registry.register("b-value", AvroSchemas.parse(V1.toString(true)));
    int next = registry.register("a-value", V2_WITH_DEFAULT);

    assertThat(same).isEqualTo(id);
    assertThat(next).isEqualTo(id + 1);
    assertThat(registry.register("a-value", V1)).isEqualTo(id);
    assertThat(registry.getAllVersions("a-value")).containsExactly(1, 2);
    assertThat(registry.getLatest("a-value")).isEqualTo(new RegisteredSchema("a-value", next, 2, V2_WITH_DEFAULT));
    assertThat(registry.lookup("b-value", V1).version()).isEqualTo(1);
    assertThat(registry.getById(id)).isEqualTo(V1);
    assertThat(registry.getAllSubjects()).containsExactly("a-value", "b-value");
  }

  @Test
  void refusesBackwardIncompatibleSchemasUnlessTheLevelAllows() {
    registry.register("a-value", V1);

    assertThat(registry.testCompatibility("a-value", V2_REQUIRED_FIELD)).isFalse();
    assertThatThrownBy(() -> registry.register("a-value", V2_REQUIRED_FIELD))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.getMessage()).contains("READER_FIELD_MISSING_DEFAULT_VALUE");
        });

    registry.setCompatibility("a-value", CompatibilityLevel.NONE);
    assertThat(registry.getCompatibility("a-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(registry.getCompatibility("other")).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(registry.register("a-value", V2_REQUIRED_FIELD)).isPositive();
  }

  @Test
  void answersMissingThingsWithConfluentErrorCodes() {
    assertThatThrownBy(() -> registry.getLatest("nope"))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    assertThatThrownBy(() -> registry.getById(7))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    registry.register("a-value", V1);
    assertThatThrownBy(() -> registry.lookup("a-value", V2_WITH_DEFAULT))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
    assertThatThrownBy(() -> registry.getVersion("a-value", 2))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.VERSION_NOT_FOUND));
  }

  @Test
  void sharesOneRegistryPerScopeUntilTheScopeIsDropped() {
    InMemorySchemaRegistryClient a = InMemorySchemaRegistryClient.forScope("a");
    int id = a.register("s-value", V1);

    assertThat(InMemorySchemaRegistryClient.forScope("a")).isSameAs(a);
    assertThat(InMemorySchemaRegistryClient.forScope("a").getById(id)).isEqualTo(V1);
    assertThat(InMemorySchemaRegistryClient.forScope("b").getAllSubjects()).isEmpty();

    InMemorySchemaRegistryClient.dropScope("a");
    assertThat(InMemorySchemaRegistryClient.forScope("a").getAllSubjects()).isEmpty();
  }

  @Test
  void stripsJavaOnlyStringProperties() {
    Schema generated = AvroSchemas.parse("""
        {"type":"record","name":"R","fields":[
          {"name":"s","type":{"type":"string","avro.java.string":"String"}},
          {"name":"o","type":["null",{"type":"string","avro.java.string":"String"}],"default":null}]}""");

    Schema stripped = AvroSchemas.withoutJavaProperties(generated);

    assertThat(AvroSchemas.canonical(stripped)).doesNotContain("avro.java.string")
        .isEqualTo("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"},"
            + "{\"name\":\"o\",\"type\":[\"null\",\"string\"],\"default\":null}]}");
  }
}
