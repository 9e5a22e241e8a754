package dev.listings.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/** One version of a subject: the subject, the schema's global id, the version number within the subject, the schema. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {
  public RegisteredSchema {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(schema, "schema");
  }
}
