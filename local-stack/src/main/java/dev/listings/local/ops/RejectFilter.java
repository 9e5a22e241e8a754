package dev.listings.local.ops;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which rejects an operation takes: by primary reason, by source object (a glob on {@code s3://bucket/key} or on the
 * key alone; without a wildcard, a prefix), and by when they were rejected ({@code from} inclusive, {@code to}
 * exclusive).
 */
public record RejectFilter(Set<String> reasons, String source, Instant from, Instant to)
    implements Predicate<RejectRecord> {
  public static final RejectFilter ALL = new RejectFilter(Set.of(), null, null, null);

  public RejectFilter {
    Set<String> upper = new TreeSet<>();
    if (reasons != null) {
      reasons.forEach(r -> upper.add(r.strip().toUpperCase(Locale.ROOT)));
    }
    reasons = Set.copyOf(upper);
    if (from != null && to != null && !from.isBefore(to)) {
      throw new OpsException("--from " + from + " must be before --to " + to);
    }
  }

  @Override
  public boolean test(RejectRecord reject) {
    if (!reasons.isEmpty() && !reasons.contains(reject.reason())) {
      return false;
    }
    if (source != null && !matchesSource(reject)) {
      return false;
    }
    Instant at = reject.rejectedAt();
    if (from != null && (at == null || at.isBefore(from))) {
      return false;
    }
    return to == null || (at != null && at.isBefore(to));
  }

  private boolean matchesSource(RejectRecord reject) {
    String object = reject.object();
    if (object == null) {
      return false;
    }
    Pattern glob = glob(source);
    String key = reject.objectKey();
    return glob.matcher(object).matches() || glob.matcher(key).matches();
  }

  /** A glob ({@code *} any run of characters, {@code ?} one) as a pattern; without a wildcard, a prefix. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    boolean wildcard = false;
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
        wildcard = true;
      } else if (c == '?') {
        regex.append('.');
        wildcard = true;
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    if (!wildcard) {
      regex.append(".*");
    }
    return Pattern.compile(regex.toString());
  }

  public boolean isEmpty() {
    return reasons.isEmpty() && source == null && from == null && to == null;
  }

  public String describe() {
    if (isEmpty()) {
      return "all rejects";
    }
    StringBuilder text = new StringBuilder("rejects");
    if (!reasons.isEmpty()) {
      text.append(" with reason ").append(String.join(" or ", reasons));
    }
    if (source != null) {
      text.append(" from ").append(source);
    }
    if (from != null) {
      text.append(" rejected from ").append(from);
    }
    if (to != null) {
      text.append(" until ").append(to);
    }
    return text.toString();
  }
}
