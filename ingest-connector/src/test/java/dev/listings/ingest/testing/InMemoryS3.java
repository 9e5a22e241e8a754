package dev.listings.ingest.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 client over a map, for tests of the reading logic without a server: listing with pages, HEAD, and GET with
 * {@code If-Match} and ranges, plus injected faults (a download cut after some bytes, a failing status).
 */
public final class InMemoryS3 implements S3Client {
  private record Stored(byte[] data, String etag, String contentEncoding, Instant lastModified) {}

  private final Map<String, Stored> objects = new ConcurrentSkipListMap<>();
  private final List<String> gets = new CopyOnWriteArrayList<>();
  private final AtomicLong cutNextDownloadsAfter = new AtomicLong(-1);
  private final AtomicInteger downloadsToCut = new AtomicInteger();
  private final AtomicInteger failingStatus = new AtomicInteger();
  private final AtomicInteger requestsToFail = new AtomicInteger();
  private final List<CutStream> open = new CopyOnWriteArrayList<>();
  private final java.util.Set<String> listedWithoutEtag = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private int pageSize = 1000;

  /** Stores an object and returns its ETag. */
  public String put(String bucket, String key, byte[] data, String contentEncoding) {
    String etag = md5(data);
    objects.put(bucket + "/" + key, new Stored(data.clone(), etag, contentEncoding, Instant.now()));
    return etag;
  }

  public String put(String bucket, String key, byte[] data) {
    return put(bucket, key, data, null);
  }

  public void delete(String bucket, String key) {
    objects.remove(bucket + "/" + key);
  }

  /** The next {@code downloads} downloads fail with an I/O error after {@code bytes} bytes. */
  public void cutDownloads(int downloads, long bytes) {
    cutNextDownloadsAfter.set(bytes);
    downloadsToCut.set(downloads);
  }

  /** The next {@code requests} requests fail with this HTTP status. */
  public void failRequests(int requests, int status) {
    failingStatus.set(status);
    requestsToFail.set(requests);
  }

  /** Every download begun so far fails on its next read, as when connections are reset. */
  public void breakOpenDownloads() {
    open.forEach(stream -> stream.left = 0);
    open.clear();
  }

  /** Lists the object without its ETag (or with it again), as some stores list an upload in progress. */
  public void listWithoutEtag(String bucket, String key, boolean without) {
    if (without) {
      listedWithoutEtag.add(bucket + "/" + key);
    } else {
      listedWithoutEtag.remove(bucket + "/" + key);
    }
  }

  public void pageSize(int size) {
    this.pageSize = size;
  }

  /** The Range header of every GET so far ("" for a whole object). */
  public List<String> getRanges() {
    return List.copyOf(gets);
  }

  @Override
  public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
    maybeFail();
    String prefix = request.bucket() + "/" + (request.prefix() == null ? "" : request.prefix());
    String after = request.continuationToken();
    List<S3Object> page = new ArrayList<>();
    String last = null;
    boolean truncated = false;
    for (Map.Entry<String, Stored> entry : objects.entrySet()) {
      String path = entry.getKey();
      if (!path.startsWith(prefix) || (after != null && path.compareTo(after) <= 0)) {
        continue;
      }
      if (page.size() == pageSize) {
        truncated = true;
        break;
      }
      Stored stored = entry.getValue();
      String listedEtag = listedWithoutEtag.contains(path) ? null : "\"" + stored.etag() + "\"";
      page.add(S3Object.builder().key(path.substring(request.bucket().length() + 1)).eTag(listedEtag)
          .size((long) stored.data().length).lastModified(stored.lastModified()).build());
      last = path;
    }
    return ListObjectsV2Response.builder().contents(page).isTruncated(truncated)
        .nextContinuationToken(truncated ? last : null).build();
  }

  @Override
  public HeadObjectResponse headObject(HeadObjectRequest request) {
    maybeFail();
    Stored stored = find(request.bucket(), request.key());
    if (request.ifMatch() != null && !request.ifMatch().replace("\"", "").equals(stored.etag())) {
      throw error(412, "PreconditionFailed");
    }
    return HeadObjectResponse.builder().eTag("\"" + stored.etag() + "\"").contentLength((long) stored.data().length)
        .contentEncoding(stored.contentEncoding()).build();
  }

  @Override
  public <T> T getObject(GetObjectRequest request, ResponseTransformer<GetObjectResponse, T> transformer) {
    maybeFail();
    gets.add(request.range() == null ? "" : request.range());
    Stored stored = find(request.bucket(), request.key());
    if (request.ifMatch() != null && !request.ifMatch().replace("\"", "").equals(stored.etag())) {
      throw error(412, "PreconditionFailed");
    }
    int from = request.range() == null ? 0 : Integer.parseInt(request.range().replaceAll("bytes=(\\d+)-.*", "$1"));
    if (from >= stored.data().length && from > 0) {
      throw error(416, "InvalidRange");
    }
    int length = stored.data().length - from;
    GetObjectResponse.Builder response = GetObjectResponse.builder().contentLength((long) length)
        .eTag("\"" + stored.etag() + "\"").contentEncoding(stored.contentEncoding());
    if (request.range() != null) {
      response.contentRange("bytes " + from + "-" + (stored.data().length - 1) + "/" + stored.data().length);
    }
    long cutAfter = downloadsToCut.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? cutNextDownloadsAfter.get() : Long.MAX_VALUE;
    CutStream body = new CutStream(new ByteArrayInputStream(stored.data(), from, length), cutAfter);
    open.add(body);
    try {
      return transformer.transform(response.build(), AbortableInputStream.create(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void maybeFail() {
    if (requestsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw error(failingStatus.get(), "Injected");
    }
  }

  private Stored find(String bucket, String key) {
    Stored stored = objects.get(bucket + "/" + key);
    if (stored == null) {
      throw error(404, "NoSuchKey");
    }
    return stored;
  }

  private static S3Exception error(int status, String code) {
    return (S3Exception) S3Exception.builder().statusCode(status).message(code)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
  }

  private static String md5(byte[] data) {
    try {
      return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(data)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String serviceName() {
    return "s3";
  }

  @Override
  public void close() {}

  /** A download that breaks after some bytes, as a reset connection does. */
  private static final class CutStream extends InputStream {
    private final InputStream in;
    private volatile long left;

    CutStream(InputStream in, long after) {
      this.in = in;
      this.left = after;
    }

    @Override
    public int read() throws IOException {
      if (left-- <= 0) {
        throw new IOException("Connection reset (injected)");
      }
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        throw new IOException("Connection reset (injected)");
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }
  }
}
