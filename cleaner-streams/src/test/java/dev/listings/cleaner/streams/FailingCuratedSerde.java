package dev.listings.cleaner.streams;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.serde.RegistryAvroSerde;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The registry serde, except that it refuses listings from the municipality "Poison", as a registry that refuses a
 * schema would. Selected by {@code avro.serde.class}, like any deployment's serde.
 */
public class FailingCuratedSerde implements Serde<CuratedListing> {
  private final RegistryAvroSerde<CuratedListing> delegate = new RegistryAvroSerde<>();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    delegate.configure(configs, isKey);
  }

  @Override
  public Serializer<CuratedListing> serializer() {
    return (topic, listing) -> {
      if ("Poison".equals(listing.getMunicipality())) {
        throw new SerializationException("the registry refused the schema");
      }
      return delegate.serializer().serialize(topic, listing);
    };
  }

  @Override
  public Deserializer<CuratedListing> deserializer() {
    return delegate.deserializer();
  }
}
