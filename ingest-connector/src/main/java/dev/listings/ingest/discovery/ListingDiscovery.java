package dev.listings.ingest.discovery;

import dev.listings.ingest.aws.S3ObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Listing mode: pages through {@code ListObjectsV2} under each prefix, one page per call, and starts a new pass a poll
 * interval after the previous one ended. Whether a listed version was ingested already is decided from the source
 * offsets, not here. An entry without an ETag (some S3-compatible stores list an upload still in progress that way)
 * is left for a later pass, which sees it complete.
 */
public final class ListingDiscovery implements Discovery {
  private static final Logger LOG = LoggerFactory.getLogger(ListingDiscovery.class);
  private final S3ObjectStore store;
  private final String bucket;
  private final List<String> prefixes;
  private final KeyFilter filter;
  private final TaskShare share;
  private final Duration interval;
  private int prefixIndex;
  private String token;
  private boolean passInProgress;
  private Instant nextPassAt = Instant.MIN;

  public ListingDiscovery(
      S3ObjectStore store, String bucket, KeyFilter filter, TaskShare share, Duration interval) {
    this.store = store;
    this.bucket = bucket;
    this.prefixes = filter.prefixes();
    this.filter = filter;
    this.share = share;
    this.interval = interval;
  }

  @Override
  public Found discover(Instant now) {
    if (!passInProgress) {
      if (now.isBefore(nextPassAt)) {
        return Found.NOTHING;
      }
      passInProgress = true;
      prefixIndex = 0;
      token = null;
    }
    S3ObjectStore.ListingPage page = store.list(bucket, prefixes.get(prefixIndex), token);
    List<S3ObjectRef> found = new ArrayList<>();
    for (S3Object object : page.objects()) {
      if (object.eTag() == null || object.eTag().isBlank()) {
        LOG.debug("s3://{}/{} is listed without an ETag (still being written?); looking again next pass", bucket,
            object.key());
        continue;
      }
      if (filter.accepts(object.key()) && share.owns(object.key())) {
        found.add(new S3ObjectRef(bucket, object.key(), object.eTag(), object.size(), object.lastModified()));
      }
    }
    token = page.nextToken();
    if (token == null && ++prefixIndex >= prefixes.size()) {
      passInProgress = false;
      nextPassAt = now.plus(interval);
    }
    return new Found(found, passInProgress);
  }
}
