package dev.listings.schemas.serde;

import org.apache.avro.Conversion;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro data model to read and write one generated class with: bound to the class loader that defined the class, so
 * that the records Avro instantiates (the class itself and the generated classes it nests) are the very classes the
 * caller uses, even where Avro and the generated classes come from different class loaders (application servers, the
 * Quarkus test class loader). It carries the logical-type conversions the generated class registers in its own model
 * ({@code MODEL$}: dates as {@code LocalDate}, timestamps as {@code Instant}, ...). One model per class, kept with the
 * class.
 */
final class SpecificModels {
  private static final ClassValue<SpecificData> MODELS = new ClassValue<>() {
    @Override
    protected SpecificData computeValue(Class<?> type) {
      SpecificData model = new SpecificData(type.getClassLoader());
      // The generated class's own model (its MODEL$ field) registers the conversions its logical types need.
      for (Conversion<?> conversion : SpecificData.getForClass(type).getConversions()) {
        model.addLogicalTypeConversion(conversion);
      }
      return model;
    }
  };

  private SpecificModels() {}

  static SpecificData forType(Class<? extends SpecificRecord> type) {
    return MODELS.get(type);
  }
}
