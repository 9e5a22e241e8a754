package dev.listings.alerting.app;

import dev.listings.alerting.model.Severity;
import dev.listings.schemas.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The alerting's configuration ({@code alerting.*}) from application.properties or environment variables (e.g. {@code
 * ALERTING_NOTIFIERS_SLACK_URL}); rules change with a restart, not a rebuild. Every key is described in the module
 * README.
 */
@ConfigMapping(prefix = "alerting")
public interface AlertingConfig {
  TopicsConfig topics();

  /** How often the rules are evaluated. */
  @WithDefault("5s")
  Duration evaluationInterval();

  /** The longest one poll of the input topics waits. */
  @WithDefault("500ms")
  Duration pollTimeout();

  /** How often input topics that do not exist yet are looked for. */
  @WithDefault("30s")
  Duration topicRefreshInterval();

  /** How far back the alerts topic is re-read at start to restore open incidents. */
  @WithDefault("7d")
  Duration restoreLookback();

  /** Reject ratio rules by name, e.g. {@code alerting.reject-ratio.per-source.threshold=0.2}. */
  Map<String, RejectRatioConfig> rejectRatio();

  ObjectsConfig objects();

  AppErrorsConfig appErrors();

  NotifiersConfig notifiers();

  interface TopicsConfig {
    @WithDefault(Topics.REJECTS)
    String rejects();

    @WithDefault(Topics.INGEST_AUDIT)
    String audit();

    @WithDefault(Topics.LEDGER)
    String ledger();

    @WithDefault("pipeline.app-errors.v1")
    String appErrors();

    @WithDefault("pipeline.alerts.v1")
    String alerts();
  }

  interface RejectRatioConfig {
    @WithDefault("true")
    boolean enabled();

    /** Leading folders of the object key (after the bucket) that make a source; 0 = the whole bucket. */
    @WithDefault("1")
    int prefixSegments();

    /** One incident per source and primary reason instead of one per source. */
    @WithDefault("false")
    boolean perReason();

    /** Only these primary reasons count; all when unset. */
    Optional<Set<String>> reasons();

    @WithDefault("10m")
    Duration window();

    /** Fire above this share of the lines judged in the window, e.g. 0.2. */
    @WithDefault("0.2")
    double threshold();

    /** Resolve at or below this ratio; 0.8 × threshold when unset. */
    OptionalDouble resolveThreshold();

    /** No alert while fewer lines than this were judged in the window. */
    @WithDefault("50")
    long minLines();

    @WithDefault("warning")
    Severity severity();

    /** How long the ratio must stay at or below the resolve threshold before the incident resolves. */
    @WithDefault("5m")
    Duration resolveAfter();
  }

  interface ObjectsConfig {
    @WithDefault("true")
    boolean failedEnabled();

    @WithDefault("critical")
    Severity failedSeverity();

    @WithDefault("true")
    boolean unaccountedEnabled();

    /** How long after its audit an object's lines must all be curated, rejected or duplicates. */
    @WithDefault("15m")
    Duration unaccountedTimeout();

    @WithDefault("warning")
    Severity unaccountedSeverity();

    /** How long after its audit an object is watched at all. */
    @WithDefault("24h")
    Duration trackFor();
  }

  interface AppErrorsConfig {
    @WithDefault("true")
    boolean enabled();

    @WithDefault("10m")
    Duration window();

    @WithDefault("1")
    long minCount();

    /** Per-kind minimum counts, e.g. {@code alerting.app-errors.min-count-by-kind.HANDLER_ROUTED_ERROR=10}. */
    Map<String, Long> minCountByKind();

    @WithDefault("warning")
    Severity severity();

    /** Per-kind severities, e.g. {@code alerting.app-errors.severity-by-kind.STREAM_THREAD_DIED=critical}. */
    Map<String, Severity> severityByKind();

    @WithDefault("0s")
    Duration resolveAfter();
  }

  interface NotifiersConfig {
    SlackConfig slack();

    WebhookConfig webhook();

    SnsConfig sns();

    /** Connect and request timeout of one delivery attempt. */
    @WithDefault("10s")
    Duration timeout();

    /** Alerts waiting per notifier; beyond it the oldest is dropped (and counted). */
    @WithDefault("1000")
    int queueCapacity();

    /** Sends per notifier per minute, after a burst. */
    @WithDefault("30")
    int ratePerMinute();

    @WithDefault("10")
    int burst();

    RetryConfig retry();

    /** How long queued alerts may still be delivered at shutdown. */
    @WithDefault("10s")
    Duration drainOnShutdown();
  }

  interface RetryConfig {
    @WithDefault("6")
    int maxAttempts();

    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("1m")
    Duration maxBackoff();

    /** A delivery gives up once the next wait would end later than this after its first attempt. */
    @WithDefault("5m")
    Duration maxElapsed();
  }

  interface SlackConfig {
    /** Incoming webhook URL; the notifier is off when unset. */
    Optional<URI> url();

    @WithDefault("info")
    Severity minSeverity();
  }

  interface WebhookConfig {
    /** Receives the alert JSON; the notifier is off when unset. */
    Optional<URI> url();

    /** Extra request headers, e.g. {@code alerting.notifiers.webhook.headers."Authorization"=Bearer ...}. */
    Map<String, String> headers();

    @WithDefault("info")
    Severity minSeverity();
  }

  interface SnsConfig {
    /** Topic to publish to; the notifier is off when unset. */
    Optional<String> topicArn();

    /** The region; taken from the topic ARN when unset. */
    Optional<String> region();

    /** Endpoint override (a VPC endpoint, a local SNS-compatible server). */
    Optional<URI> endpoint();

    /** Static credentials; the SDK's default chain (IRSA, env, profile) when unset. */
    Optional<String> accessKey();

    Optional<String> secretKey();

    @WithDefault("warning")
    Severity minSeverity();
  }
}
