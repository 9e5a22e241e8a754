package dev.listings.alerting.app;

import dev.listings.alerting.kafka.AlertingLoop;
import dev.listings.alerting.kafka.InputTopics;
import dev.listings.alerting.notify.RetryPolicy;
import dev.listings.alerting.rules.AppErrorRules;
import dev.listings.alerting.rules.ObjectRules;
import dev.listings.alerting.rules.RejectRatioRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns {@link AlertingConfig} into the plain rule and policy objects the engine and notifiers take. */
final class AlertingSettings {
  private AlertingSettings() {}

  static List<RejectRatioRule> ratioRules(AlertingConfig config) {
    // Sorted by name so evaluation order, and so alert order within one evaluation, is stable.
    return new TreeMap<>(config.rejectRatio()).entrySet().stream()
        .filter(rule -> rule.getValue().enabled())
        .map(rule -> ratioRule(rule.getKey(), rule.getValue()))
        .toList();
  }

  static RejectRatioRule ratioRule(String name, AlertingConfig.RejectRatioConfig rule) {
    return new RejectRatioRule(name, rule.prefixSegments(), rule.perReason(), rule.reasons().orElse(Set.of()),
        rule.window(), rule.threshold(), rule.resolveThreshold().orElse(rule.threshold() * 0.8), rule.minLines(),
        rule.severity(), rule.resolveAfter());
  }

  static ObjectRules objectRules(AlertingConfig.ObjectsConfig objects) {
    return new ObjectRules(objects.failedEnabled(), objects.failedSeverity(), objects.unaccountedEnabled(),
        objects.unaccountedTimeout(), objects.unaccountedSeverity(), objects.trackFor());
  }

  static AppErrorRules appErrorRules(AlertingConfig.AppErrorsConfig appErrors) {
    return new AppErrorRules(appErrors.enabled(), appErrors.window(), appErrors.minCount(),
        upperCaseKeys(appErrors.minCountByKind()), appErrors.severity(), upperCaseKeys(appErrors.severityByKind()),
        appErrors.resolveAfter());
  }

  static RetryPolicy retryPolicy(AlertingConfig.RetryConfig retry) {
    return new RetryPolicy(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), retry.maxElapsed());
  }

  static InputTopics topics(AlertingConfig.TopicsConfig topics) {
    return new InputTopics(topics.rejects(), topics.audit(), topics.ledger(), topics.appErrors(), topics.alerts());
  }

  static AlertingLoop.Settings loopSettings(AlertingConfig config) {
    return new AlertingLoop.Settings(config.pollTimeout(), config.evaluationInterval(),
        config.topicRefreshInterval(), config.restoreLookback());
  }

  private static <V> Map<String, V> upperCaseKeys(Map<String, V> byKind) {
    Map<String, V> upper = new TreeMap<>();
    byKind.forEach((kind, value) -> upper.put(kind.strip().toUpperCase(java.util.Locale.ROOT), value));
    return upper;
  }
}
