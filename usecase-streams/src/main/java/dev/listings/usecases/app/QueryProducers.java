package dev.listings.usecases.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.usecases.query.KafkaStreamsStoreAccess;
import dev.listings.usecases.query.MarketActivityQueries;
import dev.listings.usecases.query.PriceChangeQueries;
import dev.listings.usecases.query.PricePerSqmQueries;
import dev.listings.usecases.query.StoreAccess;
import dev.listings.usecases.query.TopMunicipalities;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Wires the plain query classes to the application's Kafka Streams instance. */
@ApplicationScoped
public class QueryProducers {

  @Produces
  @ApplicationScoped
  StoreAccess storeAccess(
      KafkaStreams streams,
      @ConfigProperty(name = "quarkus.kafka-streams.application-server") Optional<String> applicationServer) {
    HostInfo self = applicationServer.map(HostInfo::buildFromEndpoint).orElse(HostInfo.unavailable());
    return new KafkaStreamsStoreAccess(streams, self);
  }

  @Produces
  @ApplicationScoped
  PricePerSqmQueries pricePerSqmQueries(StoreAccess access) {
    return new PricePerSqmQueries(access);
  }

  @Produces
  @ApplicationScoped
  TopMunicipalities topMunicipalities(StoreAccess access, ObjectMapper mapper, UseCaseConfig config) {
    return new TopMunicipalities(access, new HttpRemoteTop(mapper, config.query().remoteTimeout()));
  }

  @Produces
  @ApplicationScoped
  PriceChangeQueries priceChangeQueries(StoreAccess access) {
    return new PriceChangeQueries(access);
  }

  @Produces
  @ApplicationScoped
  MarketActivityQueries marketActivityQueries(StoreAccess access) {
    return new MarketActivityQueries(access);
  }
}
