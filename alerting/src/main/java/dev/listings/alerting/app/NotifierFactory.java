package dev.listings.alerting.app;

import dev.listings.alerting.model.Severity;
import dev.listings.alerting.notify.DeliveryWorker;
import dev.listings.alerting.notify.Dispatcher;
import dev.listings.alerting.notify.HttpJsonNotifier;
import dev.listings.alerting.notify.Notifier;
import dev.listings.alerting.notify.RateLimiter;
import dev.listings.alerting.notify.RetryPolicy;
import dev.listings.alerting.notify.Sleeper;
import dev.listings.alerting.notify.SnsNotifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/** Builds one started {@link DeliveryWorker} per configured notifier (a notifier is on when its target is set). */
final class NotifierFactory {
  private NotifierFactory() {}

  static Dispatcher dispatcher(AlertingConfig.NotifiersConfig config, MeterRegistry registry, Clock clock) {
    List<Dispatcher.Route> routes = new ArrayList<>();
    config.slack().url().ifPresent(url -> routes.add(route(
        HttpJsonNotifier.slack(url, config.timeout(), clock), config, registry, clock,
        config.slack().minSeverity())));
    config.webhook().url().ifPresent(url -> routes.add(route(
        HttpJsonNotifier.webhook(url, config.webhook().headers(), config.timeout(), clock), config, registry, clock,
        config.webhook().minSeverity())));
    config.sns().topicArn().ifPresent(arn -> routes.add(route(
        new SnsNotifier(snsClient(config.sns(), arn, config), arn), config, registry, clock,
        config.sns().minSeverity())));
    return new Dispatcher(routes);
  }

  private static Dispatcher.Route route(Notifier notifier, AlertingConfig.NotifiersConfig config,
      MeterRegistry registry, Clock clock, Severity minSeverity) {
    RetryPolicy policy = AlertingSettings.retryPolicy(config.retry());
    RateLimiter limiter = new RateLimiter(config.ratePerMinute(), config.burst(), clock);
    DeliveryWorker worker =
        new DeliveryWorker(notifier, policy, limiter, config.queueCapacity(), Sleeper.SYSTEM, registry);
    return new Dispatcher.Route(worker.start(), minSeverity);
  }

  private static SnsClient snsClient(AlertingConfig.SnsConfig sns, String arn,
      AlertingConfig.NotifiersConfig config) {
    String region = sns.region().orElseGet(() -> regionOf(arn));
    return SnsNotifier.client(Region.of(region), sns.endpoint().orElse(null), sns.accessKey().orElse(null),
        sns.secretKey().orElse(null), config.timeout());
  }

  /** The region part of {@code arn:aws:sns:<region>:<account>:<name>}. */
  static String regionOf(String arn) {
    String[] parts = arn.split(":", -1);
    if (parts.length < 6 || !"arn".equals(parts[0]) || parts[3].isBlank()) {
      throw new IllegalArgumentException(
          "alerting.notifiers.sns.topic-arn '" + arn + "' names no region; set alerting.notifiers.sns.region");
    }
    return parts[3];
  }
}
