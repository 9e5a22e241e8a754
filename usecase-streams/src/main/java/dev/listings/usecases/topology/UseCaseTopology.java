package dev.listings.usecases.topology;

import dev.listings.schemas.Topics;
import dev.listings.schemas.avro.CuratedListing;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Builds the use-case topology: one source on the curated topic, shared by one sub-topology per enabled use case. Plain
 * Kafka Streams with no framework types, so the Quarkus application, the local stack and TopologyTestDriver tests all
 * build the same topology from the same arguments.
 */
public final class UseCaseTopology {
  public static final String DEFAULT_APPLICATION_ID = "listings-usecases";
  public static final String PRICE_PER_SQM_TOPIC = Topics.USECASE_PRICE_PER_SQM;
  public static final String PRICE_CHANGES_TOPIC = UseCaseTopics.defaultOutputTopic("price-changes");
  public static final String MARKET_ACTIVITY_TOPIC = UseCaseTopics.defaultOutputTopic("market-activity");
  public static final String CURATED_SOURCE = "curated-source";
  public static final String CURATED_WITHOUT_HEADERS = "curated-without-headers";

  private final UseCaseTopics topics;
  private final List<UseCase> enabled;
  private final Map<String, ?> serdeConfig;
  private final UseCaseOptions options;
  private final UseCaseMetrics metrics;

  /**
   * @param topics input and output topic names
   * @param enabledUseCases names of the use cases to run (see {@link #availableUseCases()})
   * @param serdeConfig configuration of the Avro serdes ({@code schema.registry.url}, {@code avro.serde.class}, ...)
   * @param options tuning of the use cases
   * @param metrics where the use cases report updates and skipped records
   */
  public UseCaseTopology(
      UseCaseTopics topics,
      Collection<String> enabledUseCases,
      Map<String, ?> serdeConfig,
      UseCaseOptions options,
      UseCaseMetrics metrics) {
    if (enabledUseCases.isEmpty()) {
      throw new IllegalArgumentException("no use case enabled; available: " + availableUseCases());
    }
    this.topics = topics;
    this.enabled = UseCaseCatalog.discover().select(enabledUseCases);
    this.serdeConfig = Map.copyOf(serdeConfig);
    this.options = options;
    this.metrics = metrics;
  }

  /** Same, without metrics. */
  public UseCaseTopology(
      UseCaseTopics topics,
      Collection<String> enabledUseCases,
      Map<String, ?> serdeConfig,
      UseCaseOptions options) {
    this(topics, enabledUseCases, serdeConfig, options, UseCaseMetrics.NONE);
  }

  /** Names of the use cases on the class path. */
  public static Set<String> availableUseCases() {
    return UseCaseCatalog.discover().names();
  }

  /**
   * The curated source's records lose their headers before any use case sees them: those headers repeat one
   * listing's provenance, which the value carries anyway (the use cases' lineage comes from it), and on a result
   * that aggregates many listings they would name an arbitrary one. Left on, they would travel through every
   * repartition topic and output topic, where they are larger than the records themselves.
   */
  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<CuratedListing> curatedSerde =
        UseCaseContext.avroValueSerde(UseCaseContext.avroReaderConfig(serdeConfig), CuratedListing.class);
    KStream<String, CuratedListing> curated =
        builder.stream(
                topics.curated(), Consumed.with(Serdes.String(), curatedSerde).withName(CURATED_SOURCE))
            .processValues(WithoutHeaders::new, Named.as(CURATED_WITHOUT_HEADERS));
    for (UseCase useCase : enabled) {
      UseCaseContext context =
          new UseCaseContext(useCase.name(), topics.output(useCase.name()), serdeConfig, options, metrics);
      useCase.addTo(builder, curated, context);
    }
    return builder.build();
  }

  /** Output topic of every enabled use case, for whoever creates topics. */
  public List<String> outputTopics() {
    return enabled.stream().map(u -> topics.output(u.name())).toList();
  }

  /**
   * Every enabled use case's results with its configured output topic, in catalog order: what the table sink and the
   * command line read.
   */
  public List<ResultsTopic> results() {
    return enabled.stream().map(u -> new ResultsTopic(u.name(), topics.output(u.name()), u.results())).toList();
  }

  /** Names of the enabled use cases. */
  public List<String> enabledUseCases() {
    return enabled.stream().map(UseCase::name).toList();
  }

  /**
   * Streams settings this topology relies on, to be merged over the deployment's own: exactly-once (results and state
   * commit atomically, so a crash neither double-counts nor loses an observation) and fail-fast error handling
   * (curated records are validated Avro written by the cleaner; one that cannot be read or processed is a defect to
   * stop on, never a record to drop silently from the statistics).
   */
  public Map<String, Object> requiredStreamsConfig() {
    return Map.of(
        StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class.getName(),
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndFailProcessingExceptionHandler.class.getName());
  }
}
