package dev.listings.cleaner.streams;

import dev.listings.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings the cleaner's exception handlers read from the Kafka Streams configuration (handlers are created by Kafka
 * Streams, so this is how they learn the topics, the rules version and the size cap). {@link
 * CleanerTopology#requiredStreamsConfig()} sets them all; the clock and outcome listener are objects and optional.
 */
public final class CleanerStreamsConfig {
  public static final String PREFIX = "listings.cleaner.";
  public static final String RAW_TOPIC = PREFIX + "raw.topic";
  public static final String CURATED_TOPIC = PREFIX + "curated.topic";
  public static final String LEDGER_TOPIC = PREFIX + "ledger.topic";
  public static final String RULES_VERSION = PREFIX + "rules.version";
  public static final String REJECT_RAW_MAX_CHARS = PREFIX + "rejects.raw.max.chars";
  /** A {@link Clock} instance for {@code rejected_at}; system UTC when absent. */
  public static final String CLOCK = PREFIX + "clock";
  /** An {@link OutcomeListener} instance told of handler-routed rejects; none when absent. */
  public static final String OUTCOME_LISTENER = PREFIX + "outcome.listener";

  final String rawTopic;
  final String curatedTopic;
  final String rejectsTopic;
  final String ledgerTopic;
  final String rulesVersion;
  final int rawMaxChars;
  final Clock clock;
  final OutcomeListener listener;

  CleanerStreamsConfig(Map<String, ?> configs) {
    rawTopic = text(configs, RAW_TOPIC, Topics.RAW);
    curatedTopic = text(configs, CURATED_TOPIC, Topics.CURATED);
    rejectsTopic = text(configs, StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.REJECTS);
    ledgerTopic = text(configs, LEDGER_TOPIC, Topics.LEDGER);
    rulesVersion = text(configs, RULES_VERSION, null);
    Object cap = configs.get(REJECT_RAW_MAX_CHARS);
    rawMaxChars = cap == null ? CleanerTopology.Settings.DEFAULT_REJECT_RAW_MAX_CHARS : Integer.parseInt(cap.toString());
    clock = configs.get(CLOCK) instanceof Clock c ? c : Clock.systemUTC();
    listener = configs.get(OUTCOME_LISTENER) instanceof OutcomeListener l ? l : OutcomeListener.NONE;
  }

  private static String text(Map<String, ?> configs, String key, String fallback) {
    Object value = configs.get(key);
    return value == null || value.toString().isBlank() ? fallback : value.toString();
  }
}
