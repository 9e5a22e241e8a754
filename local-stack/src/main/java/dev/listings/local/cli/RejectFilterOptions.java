package dev.listings.local.cli;

import dev.listings.local.ops.OffsetTarget;
import dev.listings.local.ops.RejectFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** How the rejects commands select rejects: by reason, source and time rejected. */
public final class RejectFilterOptions {
  @Option(names = "--reason", split = ",", paramLabel = "REASON",
      description = "Primary reason(s), e.g. PROPERTY_TYPE_EXCLUDED (repeat or separate with commas).")
  List<String> reasons = new ArrayList<>();

  @Option(names = "--source", paramLabel = "GLOB",
      description = "Source objects: a glob on s3://bucket/key or on the key (* and ?); without a wildcard, a prefix.")
  String source;

  @Option(names = "--from", paramLabel = "TIME",
      description = "Rejected at or after TIME (2026-01-05T08:00:00Z, 2026-01-05T08:00 or 2026-01-05; UTC).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Rejected before TIME.")
  String to;

  RejectFilter filter() {
    Set<String> reasonSet = new HashSet<>(reasons);
    return new RejectFilter(reasonSet, source,
        from == null ? null : OffsetTarget.parseDatetime(from).time(),
        to == null ? null : OffsetTarget.parseDatetime(to).time());
  }
}
