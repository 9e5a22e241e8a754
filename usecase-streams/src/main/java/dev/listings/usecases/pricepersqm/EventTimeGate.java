package dev.listings.usecases.pricepersqm;

import dev.listings.schemas.avro.CuratedListing;
import dev.listings.usecases.topology.UseCaseMetrics;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Passes on the curated records whose month is still open and counts the others as late (see {@link MonthClosing}).
 * The watermark lives in a changelogged store of the task that reads the curated partition, so it survives restarts and
 * a replay of the curated topic takes exactly the same decisions as the first run.
 */
final class EventTimeGate implements FixedKeyProcessor<String, CuratedListing, CuratedListing> {
  static final String WATERMARK_KEY = "watermark";

  private final String storeName;
  private final Duration grace;
  private final String useCase;
  private final UseCaseMetrics metrics;
  private FixedKeyProcessorContext<String, CuratedListing> context;
  private KeyValueStore<String, Long> watermarks;

  EventTimeGate(String storeName, Duration grace, String useCase, UseCaseMetrics metrics) {
    this.storeName = storeName;
    this.grace = grace;
    this.useCase = useCase;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, CuratedListing> context) {
    this.context = context;
    this.watermarks = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, CuratedListing> record) {
    LocalDate scrapingDate = record.value().getScrapingDate();
    LocalDate watermark = advance(scrapingDate);
    if (MonthClosing.isLate(scrapingDate, watermark, grace)) {
      metrics.skipped(useCase, UseCaseMetrics.LATE);
      return;
    }
    context.forward(record);
  }

  private LocalDate advance(LocalDate scrapingDate) {
    Long stored = watermarks.get(WATERMARK_KEY);
    long epochDay = scrapingDate.toEpochDay();
    if (stored == null || epochDay > stored) {
      watermarks.put(WATERMARK_KEY, epochDay);
      return scrapingDate;
    }
    return LocalDate.ofEpochDay(stored);
  }
}
