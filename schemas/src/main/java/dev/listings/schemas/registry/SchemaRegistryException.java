package dev.listings.schemas.registry;

/**
 * A refusal or failure of the schema registry, with the HTTP status and the Confluent error code it answered
 * ({@code {"error_code":40401,"message":"Subject 'x' not found."}}). When no registry could be reached the status and
 * error code are {@link #NO_RESPONSE}.
 */
public class SchemaRegistryException extends RuntimeException {
  public static final int NO_RESPONSE = -1;
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;

  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(int httpStatus, int errorCode, String message) {
    this(httpStatus, errorCode, message, null);
  }

  public SchemaRegistryException(int httpStatus, int errorCode, String message, Throwable cause) {
    super(message + " (error code " + errorCode + ")", cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  /** True for unknown subject, version or schema. */
  public boolean isNotFound() {
    return errorCode == SUBJECT_NOT_FOUND
        || errorCode == VERSION_NOT_FOUND
        || errorCode == SCHEMA_NOT_FOUND;
  }

  static SchemaRegistryException subjectNotFound(String subject) {
    return new SchemaRegistryException(404, SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
  }

  static SchemaRegistryException versionNotFound(String subject, int version) {
    return new SchemaRegistryException(
        404, VERSION_NOT_FOUND, "Version " + version + " of subject '" + subject + "' not found.");
  }

  static SchemaRegistryException schemaNotFound(String what) {
    return new SchemaRegistryException(404, SCHEMA_NOT_FOUND, what + " not found.");
  }

  static SchemaRegistryException incompatible(String subject, CompatibilityLevel level, Object details) {
    return new SchemaRegistryException(
        409,
        INCOMPATIBLE_SCHEMA,
        "Schema being registered is incompatible with an earlier schema for subject \""
            + subject
            + "\" (compatibility "
            + level
            + "), details: "
            + details);
  }
}
