package dev.listings.schemas;

/**
 * Default topic names of the pipeline. Every app takes its topic names from configuration; these are the defaults the
 * configuration falls back to, and the names the tests import so that topics and tests cannot drift apart.
 */
public final class Topics {
  /** Raw lines, value = the source line as UTF-8 bytes, with provenance headers. */
  public static final String RAW = "listings.raw.v1";
  /** Curated listings, Avro {@code CuratedListing}, key = listing id. */
  public static final String CURATED = "listings.curated.v1";
  /** Rejected lines and records that failed before the rules could judge them, JSON. */
  public static final String REJECTS = "listings.rejects.v1";
  /** One JSON event per source object: lines read, bytes, status. */
  public static final String INGEST_AUDIT = "ingest.audit.v1";
  /** Per source object and cleaner task: cumulative curated / rejected / duplicate counts, JSON, compacted. */
  public static final String LEDGER = "listings.ledger.v1";
  /** The re-drive journal: one record per re-driven line (its latest re-drive run), JSON, compacted. */
  public static final String REDRIVES = "listings.redrives.v1";
  /**
   * Prefix of the topics a side instance or a re-ingest writes ({@code backfill.<name>.<topic>}, e.g. {@code
   * backfill.jan5.listings.raw.v1}); created by the command that writes them, never by the topics job.
   */
  public static final String BACKFILL_PREFIX = "backfill.";
  /** Price per m² statistics by municipality, property type and month, Avro {@code PricePerSqmStats}. */
  public static final String USECASE_PRICE_PER_SQM = "usecase.price-per-sqm.v1";
  /** The apps' error events (stream thread deaths, handler-routed records), JSON, read by the alerting app. */
  public static final String APP_ERRORS = "pipeline.app-errors.v1";
  /** Schemas of the embedded registry, compacted. Same name as Confluent's default. */
  public static final String SCHEMAS = "_schemas";

  private Topics() {}
}
