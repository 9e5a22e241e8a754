package dev.listings.cleaner.rules;

import java.util.List;
import java.util.Objects;

/** The outcome of judging one line: accepted with its clean listing, or rejected with every failing rule. */
public sealed interface Verdict permits Verdict.Accepted, Verdict.Rejected {

  /** The listing id when the line yielded one, else null. */
  String id();

  /** A line that passed every rule. */
  record Accepted(CleanListing listing) implements Verdict {
    public Accepted {
      Objects.requireNonNull(listing, "listing");
    }

    @Override
    public String id() {
      return listing.id();
    }
  }

  /**
   * A line that failed at least one rule; {@code failures} are in rule order, so the first is the primary reason.
   *
   * @param id the listing id when the line has a non-blank one, else null
   */
  record Rejected(String id, List<Failure> failures) implements Verdict {
    public Rejected {
      failures = List.copyOf(failures);
      if (failures.isEmpty()) {
        throw new IllegalArgumentException("a rejected line has at least one failure");
      }
    }

    public static Rejected of(String id, RejectReason reason, String message) {
      return new Rejected(id, List.of(new Failure(reason, message)));
    }

    /** The first failing rule in rule order. */
    public Failure primary() {
      return failures.get(0);
    }

    public List<RejectReason> reasons() {
      return failures.stream().map(Failure::reason).toList();
    }
  }
}
