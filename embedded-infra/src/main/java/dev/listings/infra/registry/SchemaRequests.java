package dev.listings.infra.registry;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the bodies and path values of registry requests, refusing what this registry cannot honour (other schema
 * types, references, explicit ids outside IMPORT mode).
 */
final class SchemaRequests {
  private SchemaRequests() {}

  /** The schema text of a register, lookup or compatibility request. */
  static String schemaText(JsonNode body, boolean registering) {
    JsonNode request = object(body);
    String type = request.path("schemaType").asText("AVRO");
    if (!type.equalsIgnoreCase("AVRO")) {
      throw RegistryError.invalidSchema("Invalid schema type " + type + ": this registry stores AVRO schemas only");
    }
    if (request.path("references").size() > 0) {
      throw RegistryError.invalidSchema("Schema references are not supported by this registry");
    }
    if (registering && (request.path("id").asInt(0) > 0 || request.path("version").asInt(0) > 0)) {
      throw RegistryError.operationNotPermitted(
          "Registering with a given id or version needs IMPORT mode; this registry runs in READWRITE mode");
    }
    JsonNode schema = request.get("schema");
    if (schema == null || schema.isNull()) {
      throw RegistryError.invalidSchema("Empty schema");
    }
    // Some clients send the schema as a JSON object instead of a string holding it.
    return schema.isTextual() ? schema.asText() : schema.toString();
  }

  static JsonNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw RegistryError.badRequest("Request body must be a JSON object");
    }
    return body;
  }

  static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new RegistryError(404, 40403, "Schema " + text + " not found");
    }
  }
}
