package dev.listings.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API that serdes and tools need. Implementations: {@link
 * RestSchemaRegistryClient} (a real registry over HTTP) and {@link InMemorySchemaRegistryClient} (tests,
 * {@code mock://} URLs). Every method throws {@link SchemaRegistryException} carrying the registry's error code when
 * the registry says no (unknown subject or id, incompatible or invalid schema) or cannot be reached. Implementations
 * are thread-safe.
 */
public interface SchemaRegistryClient {

  /**
   * Registers {@code schema} under {@code subject} (a no-op when that subject already holds it) and returns its
   * global id. Throws with error code 409 when the subject's compatibility level rejects it.
   */
  int register(String subject, Schema schema);

  /** The schema with this global id; error code 40403 when there is none. */
  Schema getById(int id);

  /** The latest live version of the subject; error code 40401 when the subject has none. */
  RegisteredSchema getLatest(String subject);

  /** One version of the subject; error code 40401 (subject) or 40402 (version) when missing. */
  RegisteredSchema getVersion(String subject, int version);

  /** Id and version under which the subject holds this schema; 40401 (subject) or 40403 (schema) when missing. */
  RegisteredSchema lookup(String subject, Schema schema);

  /** Whether registering {@code schema} under {@code subject} would pass the subject's compatibility level. */
  boolean testCompatibility(String subject, Schema schema);

  /** Subjects with at least one live version, sorted. */
  List<String> getAllSubjects();

  /** Live versions of the subject, ascending; error code 40401 when there are none. */
  List<Integer> getAllVersions(String subject);

  /** The subject's compatibility level, falling back to the global one; {@code subject == null} means global. */
  CompatibilityLevel getCompatibility(String subject);

  /** Sets the subject's compatibility level; {@code subject == null} sets the global one. */
  void setCompatibility(String subject, CompatibilityLevel level);
}
