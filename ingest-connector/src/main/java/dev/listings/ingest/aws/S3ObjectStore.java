package dev.listings.ingest.aws;

import dev.listings.ingest.discovery.S3ObjectRef;
import dev.listings.ingest.read.UnreadableObjectException;
import java.util.List;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 calls the connector makes. Every read names the ETag it expects ({@code If-Match}), so that a line is never
 * read from another version than the one its offset describes; a version that is gone or replaced is reported as
 * {@link UnreadableObjectException}.
 */
public final class S3ObjectStore implements AutoCloseable {
  /** One page of a listing: objects and the token of the next page ({@code null} after the last). */
  public record ListingPage(List<S3Object> objects, String nextToken) {}

  private static final int NOT_FOUND = 404;
  private static final int PRECONDITION_FAILED = 412;
  private static final int RANGE_NOT_SATISFIABLE = 416;

  private final S3Client s3;

  public S3ObjectStore(S3Client s3) {
    this.s3 = s3;
  }

  public ListingPage list(String bucket, String prefix, String continuationToken) {
    ListObjectsV2Response page =
        s3.listObjectsV2(b -> b.bucket(bucket).prefix(prefix.isEmpty() ? null : prefix).continuationToken(continuationToken));
    return new ListingPage(page.contents(), Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null);
  }

  /** The current version's ETag and size, or {@code null} when the object does not exist. */
  public HeadObjectResponse head(String bucket, String key) {
    try {
      return s3.headObject(b -> b.bucket(bucket).key(key));
    } catch (S3Exception e) {
      if (e.statusCode() == NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /** The metadata of exactly this version (for its content encoding and size). */
  public HeadObjectResponse describe(S3ObjectRef ref) throws UnreadableObjectException {
    try {
      return s3.headObject(b -> b.bucket(ref.bucket()).key(ref.key()).ifMatch("\"" + ref.etag() + "\""));
    } catch (S3Exception e) {
      throw unreadable(ref, e);
    }
  }

  /** Downloads the object's stored bytes from {@code from} on (the whole object for 0). */
  public OpenedObject open(S3ObjectRef ref, long from) throws UnreadableObjectException {
    if (from > 0 && ref.size() >= 0 && from >= ref.size()) {
      return OpenedObject.atEnd(ref.size());
    }
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(ref.bucket()).key(ref.key()).ifMatch("\"" + ref.etag() + "\"");
    if (from > 0) {
      request.range("bytes=" + from + "-");
    }
    try {
      ResponseInputStream<GetObjectResponse> response = s3.getObject(request.build());
      GetObjectResponse meta = response.response();
      long length = meta.contentLength() == null ? -1 : meta.contentLength();
      return new OpenedObject(response, length, meta.contentEncoding(), totalSize(meta, from, length));
    } catch (S3Exception e) {
      if (e.statusCode() == RANGE_NOT_SATISFIABLE) {
        return OpenedObject.atEnd(from);
      }
      throw unreadable(ref, e);
    }
  }

  private static UnreadableObjectException unreadable(S3ObjectRef ref, S3Exception e) throws S3Exception {
    if (e.statusCode() == NOT_FOUND) {
      return new UnreadableObjectException(ref.uri() + " was deleted before it was read to the end", e);
    }
    if (e.statusCode() == PRECONDITION_FAILED) {
      return new UnreadableObjectException(
          ref.uri() + " was replaced (its ETag is no longer " + ref.etag() + ") before it was read to the end", e);
    }
    throw e;
  }

  private static long totalSize(GetObjectResponse meta, long from, long length) {
    String range = meta.contentRange(); // "bytes 100-199/200"
    if (range != null && range.contains("/") && !range.endsWith("/*")) {
      return Long.parseLong(range.substring(range.lastIndexOf('/') + 1).trim());
    }
    return length < 0 ? -1 : from + length;
  }

  @Override
  public void close() {
    s3.close();
  }
}
