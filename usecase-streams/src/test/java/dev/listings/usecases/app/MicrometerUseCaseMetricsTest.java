package dev.listings.usecases.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.schemas.serde.AvroSerdeConfig;
import dev.listings.usecases.pricechanges.PriceChangesUseCase;
import dev.listings.usecases.pricepersqm.PricePerSqmUseCase;
import dev.listings.usecases.topology.UseCaseMetrics;
import dev.listings.usecases.topology.UseCaseOptions;
import dev.listings.usecases.topology.UseCaseTopics;
import dev.listings.usecases.topology.UseCaseTopology;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metric names operators alert on, as Prometheus scrapes them from {@code /q/metrics}. */
class MicrometerUseCaseMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerUseCaseMetrics metrics = new MicrometerUseCaseMetrics(registry);

  @Test
  void countsLateRecordsPerUseCaseAndReason() {
    metrics.skipped(PricePerSqmUseCase.NAME, UseCaseMetrics.LATE);
    metrics.skipped(PricePerSqmUseCase.NAME, UseCaseMetrics.LATE);
    metrics.updated(PricePerSqmUseCase.NAME);

    assertThat(registry.scrape())
        .contains("listings_usecase_skipped_records_total{reason=\"late\",usecase=\"price-per-sqm\",} 2.0")
        .contains("listings_usecase_updates_total{usecase=\"price-per-sqm\",} 1.0");
  }

  @Test
  void exposesTheSkipCountersOfTheEnabledUseCasesAtZeroOnceTheTopologyIsBuilt() {
    new UseCaseTopology(
            UseCaseTopics.defaults(),
            List.of(PricePerSqmUseCase.NAME, PriceChangesUseCase.NAME),
            Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://micrometer-test"),
            UseCaseOptions.defaults(),
            metrics)
        .build();

    assertThat(registry.scrape())
        .contains("listings_usecase_skipped_records_total{reason=\"late\",usecase=\"price-per-sqm\",} 0.0")
        .contains("listings_usecase_skipped_records_total{reason=\"out-of-order\",usecase=\"price-changes\",} 0.0");
  }
}
