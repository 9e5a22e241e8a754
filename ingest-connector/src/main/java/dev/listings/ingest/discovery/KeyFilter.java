package dev.listings.ingest.discovery;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which keys are ingested: under one of the prefixes, matching the include pattern, not matching the exclude pattern,
 * and not a folder marker (a key ending in '/').
 */
public record KeyFilter(List<String> prefixes, Pattern include, Optional<Pattern> exclude) {
  public boolean accepts(String key) {
    return !key.endsWith("/")
        && prefixes.stream().anyMatch(key::startsWith)
        && include.matcher(key).matches()
        && exclude.map(p -> !p.matcher(key).matches()).orElse(true);
  }
}
