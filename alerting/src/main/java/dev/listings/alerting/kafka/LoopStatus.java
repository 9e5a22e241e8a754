package dev.listings.alerting.kafka;

import java.time.Instant;
import java.util.Set;

/**
 * What the consume loop reports to health checks.
 *
 * @param caughtUp the required inputs are assigned and were read up to their end at assignment: evaluation runs
 * @param lastPoll when the loop last returned from a poll, null before the first
 * @param missingTopics inputs that do not exist (yet)
 * @param failure why the loop stopped, null while it runs
 */
public record LoopStatus(boolean running, boolean caughtUp, Instant lastPoll, Set<String> missingTopics,
    String failure) {}
