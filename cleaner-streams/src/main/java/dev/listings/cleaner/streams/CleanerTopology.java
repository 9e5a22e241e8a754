package dev.listings.cleaner.streams;

import dev.listings.cleaner.rules.CleaningRules;
import dev.listings.cleaner.rules.ListingJudge;
import dev.listings.schemas.avro.CuratedListing;
import dev.listings.schemas.serde.AvroSerdes;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The cleaner's Kafka Streams topology, plain Java so that the Quarkus app, the local stack and TopologyTestDriver
 * tests build the same thing. Sub-topology 0 reads raw lines (bytes, provenance in headers), judges them against the
 * rules, writes rejects and counts them in its ledger; accepted lines are deduplicated against a store keyed by
 * listing id, written as curated listings (Avro) and counted as curated lines or duplicates in the dedupe ledger. Raw
 * records are keyed by listing id by the connector, so accepted lines are on their id's partition already; a line keyed
 * otherwise is re-keyed through the {@value #REPARTITION} repartition topic, which the same tasks read. Order is kept
 * per id.
 */
public final class CleanerTopology {
  public static final String DEFAULT_APPLICATION_ID = "listings-cleaner";

  public static final String RAW_SOURCE = "raw-source";
  public static final String JUDGE = "judge";
  public static final String REPARTITION = "by-id";
  public static final String DEDUPE = "dedupe";
  public static final String REJECTS_SINK = "rejects-sink";
  public static final String CURATED_SINK = "curated-sink";
  public static final String JUDGE_LEDGER_SINK = "judge-ledger-sink";
  public static final String DEDUPE_LEDGER_SINK = "dedupe-ledger-sink";
  public static final String JUDGE_LEDGER_STORE = "judge-ledger-store";
  public static final String DEDUPE_STORE = "dedupe-store";
  public static final String DEDUPE_LEDGER_STORE = "dedupe-ledger-store";

  /** The topics the cleaner reads and writes. */
  public record Topics(String raw, String curated, String rejects, String ledger) {
    public Topics {
      Objects.requireNonNull(raw, "raw");
      Objects.requireNonNull(curated, "curated");
      Objects.requireNonNull(rejects, "rejects");
      Objects.requireNonNull(ledger, "ledger");
    }

    public static Topics defaults() {
      return new Topics(dev.listings.schemas.Topics.RAW, dev.listings.schemas.Topics.CURATED,
          dev.listings.schemas.Topics.REJECTS, dev.listings.schemas.Topics.LEDGER);
    }
  }

  /**
   * Tuning of state and records.
   *
   * @param dedupeRetention how long (stream time) an id unseen stays in the dedupe store
   * @param evictionInterval how often (wall clock) the stores are scanned for expired entries
   * @param ledgerPublishInterval how often (wall clock) changed ledger counts are published
   * @param ledgerRetention how long (stream time) an unchanged object's counts stay in the ledger stores
   * @param rejectRawMaxChars the most characters of a raw line a reject keeps
   */
  public record Settings(Duration dedupeRetention, Duration evictionInterval, Duration ledgerPublishInterval,
      Duration ledgerRetention, int rejectRawMaxChars) {
    public static final int DEFAULT_REJECT_RAW_MAX_CHARS = 16_384;

    public Settings {
      requirePositive(dedupeRetention, "dedupeRetention");
      requirePositive(evictionInterval, "evictionInterval");
      requirePositive(ledgerPublishInterval, "ledgerPublishInterval");
      requirePositive(ledgerRetention, "ledgerRetention");
      if (rejectRawMaxChars < 1) {
        throw new IllegalArgumentException("rejectRawMaxChars must be positive");
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofDays(30), Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofDays(30),
          DEFAULT_REJECT_RAW_MAX_CHARS);
    }

    private static void requirePositive(Duration duration, String name) {
      if (duration == null || duration.isZero() || duration.isNegative()) {
        throw new IllegalArgumentException(name + " must be a positive duration");
      }
    }
  }

  private final Topics topics;
  private final CleaningRules rules;
  private final String rulesVersion;
  private final Settings settings;
  private final Map<String, Object> serdeConfig;
  private final Clock clock;
  private final OutcomeListener listener;

  public CleanerTopology(Topics topics, CleaningRules rules, Map<String, Object> serdeConfig, Clock clock) {
    this(topics, rules, Settings.defaults(), serdeConfig, clock, OutcomeListener.NONE);
  }

  public CleanerTopology(Topics topics, CleaningRules rules, Settings settings, Map<String, Object> serdeConfig,
      Clock clock, OutcomeListener listener) {
    this.topics = Objects.requireNonNull(topics, "topics");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.rulesVersion = rules.version();
    this.settings = Objects.requireNonNull(settings, "settings");
    this.serdeConfig = Map.copyOf(serdeConfig);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(LedgerTracker.storeBuilder(JUDGE_LEDGER_STORE));
    builder.addStateStore(LedgerTracker.storeBuilder(DEDUPE_LEDGER_STORE));
    builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(Stores.persistentTimestampedKeyValueStore(DEDUPE_STORE),
        Serdes.String(), Serdes.ByteArray()).withCachingDisabled());

    ListingJudge judge = new ListingJudge(rules);
    KStream<String, Routed> judged = builder
        .stream(topics.raw(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(RAW_SOURCE))
        .process(() -> new JudgeProcessor(judge, rulesVersion, ledgerTracker(JUDGE, JUDGE_LEDGER_STORE), clock,
            settings.rejectRawMaxChars(), listener), Named.as(JUDGE), JUDGE_LEDGER_STORE);

    judged.split(Named.as("judged-"))
        .branch((id, routed) -> routed instanceof Routed.ToRejects, Branched.withConsumer(rejects -> rejects
            .mapValues(routed -> ((Routed.ToRejects) routed).json(), Named.as("reject-json"))
            .to(topics.rejects(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(REJECTS_SINK)),
            "rejects"))
        .branch((id, routed) -> routed instanceof Routed.ToLedger, Branched.withConsumer(ledger -> toLedger(ledger,
            "judge-ledger-json", JUDGE_LEDGER_SINK), "ledger"))
        .defaultBranch(Branched.withConsumer(this::deduplicate, "valid"));
    return builder.build();
  }

  /**
   * Accepted lines whose raw record was keyed by listing id are on the id's partition already and go straight to the
   * dedupe processor; the others are re-keyed through the repartition topic first. Both feed one processor and its
   * store, so they form one sub-topology whose tasks read raw partition p and repartition partition p together.
   */
  private void deduplicate(KStream<String, Routed> valid) {
    Map<String, KStream<String, Routed>> byKey = valid.split(Named.as("keyed-"))
        .branch((id, routed) -> ((Routed.ToDedupe) routed).keyedById(), Branched.as("by-id"))
        .defaultBranch(Branched.as("otherwise"));
    KStream<String, JudgedListing> direct = byKey.get("keyed-by-id")
        .mapValues(routed -> ((Routed.ToDedupe) routed).listing(), Named.as("judged-listing"));
    KStream<String, JudgedListing> rekeyed = byKey.get("keyed-otherwise")
        .mapValues(routed -> ((Routed.ToDedupe) routed).listing(), Named.as("judged-listing-to-rekey"))
        .repartition(Repartitioned.with(Serdes.String(), ListingCodec.judgedListingSerde()).withName(REPARTITION));
    direct.merge(rekeyed, Named.as("dedupe-input"))
        .process(this::dedupeProcessor, Named.as(DEDUPE), DEDUPE_STORE, DEDUPE_LEDGER_STORE)
        .split(Named.as("deduped-"))
        .branch((id, routed) -> routed instanceof Routed.ToCurated, Branched.withConsumer(curated -> curated
            .mapValues(routed -> ((Routed.ToCurated) routed).serialized(), Named.as("curated-bytes"))
            .to(topics.curated(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(CURATED_SINK)),
            "curated"))
        .defaultBranch(Branched.withConsumer(ledger -> toLedger(ledger, "dedupe-ledger-json", DEDUPE_LEDGER_SINK),
            "ledger"));
  }

  /**
   * Kafka Streams settings this topology needs besides bootstrap servers and application id: exactly-once, the
   * exception handlers that route failing records to the rejects topic (KIP-1034 dead letters) and what they read.
   * The clock and outcome listener entries are objects: pass this map to Kafka Streams as is.
   */
  public Map<String, Object> requiredStreamsConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // A task reads raw partition p and the (mostly empty) repartition partition p: never wait for the empty one to
    // order records across the two by timestamp, since order matters per id only and an id has one raw partition.
    config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        RejectingDeserializationHandler.class.getName());
    config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingProcessingHandler.class.getName());
    config.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RejectingProductionHandler.class.getName());
    config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.rejects());
    config.put(CleanerStreamsConfig.RAW_TOPIC, topics.raw());
    config.put(CleanerStreamsConfig.CURATED_TOPIC, topics.curated());
    config.put(CleanerStreamsConfig.LEDGER_TOPIC, topics.ledger());
    config.put(CleanerStreamsConfig.RULES_VERSION, rulesVersion);
    config.put(CleanerStreamsConfig.REJECT_RAW_MAX_CHARS, Integer.toString(settings.rejectRawMaxChars()));
    config.put(CleanerStreamsConfig.CLOCK, clock);
    config.put(CleanerStreamsConfig.OUTCOME_LISTENER, listener);
    return config;
  }

  /** The internal topic that re-keys accepted lines not keyed by id: {@code <applicationId>-by-id-repartition}. */
  public static String repartitionTopic(String applicationId) {
    return applicationId + "-" + REPARTITION + "-repartition";
  }

  public Topics topics() {
    return topics;
  }

  public CleaningRules rules() {
    return rules;
  }

  public String rulesVersion() {
    return rulesVersion;
  }

  public Settings settings() {
    return settings;
  }

  private DedupeProcessor dedupeProcessor() {
    Serializer<CuratedListing> serializer = AvroSerdes.<CuratedListing>valueSerde(serdeConfig).serializer();
    return new DedupeProcessor(DEDUPE_STORE, ledgerTracker(DEDUPE, DEDUPE_LEDGER_STORE), serializer, topics.curated(),
        settings.dedupeRetention(), settings.evictionInterval(), listener);
  }

  private LedgerTracker ledgerTracker(String stage, String storeName) {
    return new LedgerTracker(stage, storeName, settings.ledgerPublishInterval(), settings.ledgerRetention(),
        settings.evictionInterval());
  }

  private void toLedger(KStream<String, Routed> ledger, String unwrapName, String sinkName) {
    ledger
        .mapValues(routed -> ((Routed.ToLedger) routed).json(), Named.as(unwrapName))
        .to(topics.ledger(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(sinkName));
  }
}
