package dev.listings.schemas.serde;

import static dev.listings.schemas.serde.Listings.listing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.registry.InMemorySchemaRegistryClient;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Where the generated classes are defined by another class loader than Avro's (as under the Quarkus test class loader
 * or in an application server), the specific reader still builds instances of the class it was asked for, with the
 * logical-type conversions of that class, and those instances serialize back.
 */
class SpecificReaderClassLoaderTest {
  private static final String TOPIC = "listings.curated.v1";

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  @Test
  @SuppressWarnings("unchecked")
  void readsIntoTheGeneratedClassOfItsOwnClassLoader() throws Exception {
    CuratedListing listing = listing("L-cl");
    byte[] bytes = new RegistryAvroSerde<CuratedListing>(registry).serializer().serialize(TOPIC, listing);

    try (GeneratedClassesLoader loader = new GeneratedClassesLoader()) {
      Class<? extends SpecificRecord> isolated =
          (Class<? extends SpecificRecord>) loader.loadClass(CuratedListing.class.getName());
      assertThat(isolated).isNotSameAs(CuratedListing.class);

      Object read = new RegistryAvroDeserializer<>(registry, isolated).deserialize(TOPIC, bytes);

      assertThat(read).isInstanceOf(isolated);
      assertThat(isolated.getMethod("getScrapingDate").invoke(read)).isEqualTo(LocalDate.of(2024, 3, 14));
      Object source = isolated.getMethod("getSource").invoke(read);
      assertThat(source.getClass().getClassLoader()).isSameAs(loader);
      assertThat(source.getClass().getMethod("getIngestedAt").invoke(source))
          .isEqualTo(Instant.parse("2024-03-14T10:15:30.123Z"));

      byte[] again = new RegistryAvroSerializer<Object>(registry).serialize(TOPIC, read);
      assertThat(new RegistryAvroSerde<CuratedListing>(registry).deserializer().deserialize(TOPIC, again))
          .isEqualTo(listing);
    }
  }

  /** Defines the generated Avro classes itself (child first) and takes everything else, Avro included, from its parent. */
  private static final class GeneratedClassesLoader extends URLClassLoader {
    private static final String GENERATED = "dev.listings.schemas.avro.";

    GeneratedClassesLoader() {
      super(new URL[] {CuratedListing.class.getProtectionDomain().getCodeSource().getLocation()},
          SpecificReaderClassLoaderTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(GENERATED)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> type = findLoadedClass(name);
        if (type == null) {
          type = findClass(name);
        }
        if (resolve) {
          resolveClass(type);
        }
        return type;
      }
    }

    @Override
    public void close() throws IOException {
      super.close();
    }
  }
}
