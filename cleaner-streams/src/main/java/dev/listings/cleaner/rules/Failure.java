package dev.listings.cleaner.rules;

import java.util.Objects;

/** One failed rule: its reason code and a sentence a person can act on. */
public record Failure(RejectReason reason, String message) {
  public Failure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }
}
