package dev.listings.infra.registry;

/**
 * A refusal in Confluent's terms: the HTTP status and the {@code error_code} / {@code message} pair of the JSON body
 * ({@code {"error_code":40401,"message":"Subject 'x' not found."}}), with Confluent's codes and wording.
 */
final class RegistryError extends RuntimeException {
  final int status;
  final int errorCode;

  RegistryError(int status, int errorCode, String message) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
  }

  RegistryError(int status, int errorCode, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.errorCode = errorCode;
  }

  static RegistryError subjectNotFound(String subject) {
    return new RegistryError(404, 40401, "Subject '" + subject + "' not found.");
  }

  static RegistryError versionNotFound(int version) {
    return new RegistryError(404, 40402, "Version " + version + " not found.");
  }

  static RegistryError schemaNotFound() {
    return new RegistryError(404, 40403, "Schema not found");
  }

  static RegistryError schemaIdNotFound(int id) {
    return new RegistryError(404, 40403, "Schema " + id + " not found");
  }

  static RegistryError subjectSoftDeleted(String subject) {
    return new RegistryError(404, 40404,
        "Subject '" + subject + "' was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError subjectNotSoftDeleted(String subject) {
    return new RegistryError(404, 40405,
        "Subject '" + subject + "' was not deleted first before being permanently deleted");
  }

  static RegistryError versionSoftDeleted(String subject, int version) {
    return new RegistryError(404, 40406, "Subject '" + subject + "' Version " + version
        + " was soft deleted.Set permanent=true to delete permanently");
  }

  static RegistryError versionNotSoftDeleted(String subject, int version) {
    return new RegistryError(404, 40407, "Subject '" + subject + "' Version " + version
        + " was not deleted first before being permanently deleted");
  }

  static RegistryError subjectLevelNotConfigured(String subject) {
    return new RegistryError(404, 40408,
        "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  static RegistryError incompatible(String subject, String level, Object details) {
    return new RegistryError(409, 409, "Schema being registered is incompatible with an earlier schema for subject \""
        + subject + "\", details: " + details + ", compatibility: " + level);
  }

  static RegistryError invalidSchema(String message) {
    return new RegistryError(422, 42201, message);
  }

  static RegistryError invalidVersion(String version) {
    return new RegistryError(422, 42202, "The specified version '" + version + "' is not a valid version id. "
        + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  static RegistryError invalidCompatibilityLevel(String level) {
    return new RegistryError(422, 42203, "Invalid compatibility level '" + level + "'. Valid values are none, "
        + "backward, forward, full, backward_transitive, forward_transitive, and full_transitive");
  }

  static RegistryError invalidMode(String mode) {
    return new RegistryError(422, 42204, "Invalid mode '" + mode + "': this registry runs in READWRITE mode only");
  }

  static RegistryError operationNotPermitted(String message) {
    return new RegistryError(422, 42205, message);
  }

  static RegistryError badRequest(String message) {
    return new RegistryError(400, 400, message);
  }

  static RegistryError store(String message, Throwable cause) {
    return new RegistryError(500, 50001, message, cause);
  }
}
