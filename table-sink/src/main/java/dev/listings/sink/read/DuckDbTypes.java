package dev.listings.sink.read;

import java.util.stream.Collectors;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** DuckDB's SQL type for an Iceberg type, so that an empty table still shows as a view with typed columns. */
final class DuckDbTypes {
  private DuckDbTypes() {}

  static String of(Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> "BOOLEAN";
      case INTEGER -> "INTEGER";
      case LONG -> "BIGINT";
      case FLOAT -> "REAL";
      case DOUBLE -> "DOUBLE";
      case DATE -> "DATE";
      case TIME -> "TIME";
      case TIMESTAMP -> ((Types.TimestampType) type).shouldAdjustToUTC() ? "TIMESTAMPTZ" : "TIMESTAMP";
      case STRING -> "VARCHAR";
      case UUID -> "UUID";
      case FIXED, BINARY -> "BLOB";
      case DECIMAL -> "DECIMAL(" + ((Types.DecimalType) type).precision() + ","
          + ((Types.DecimalType) type).scale() + ")";
      case LIST -> of(type.asListType().elementType()) + "[]";
      case MAP -> "MAP(" + of(type.asMapType().keyType()) + ", " + of(type.asMapType().valueType()) + ")";
      case STRUCT -> "STRUCT(" + type.asStructType().fields().stream()
          .map(f -> LocalSql.quote(f.name()) + " " + of(f.type()))
          .collect(Collectors.joining(", ")) + ")";
      default -> "VARCHAR";
    };
  }
}
