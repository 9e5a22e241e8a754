package dev.listings.infra;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API (S3Proxy) over a folder: buckets are sub-folders, objects are files, so data survives a restart on
 * the same folder. Path-style access and AWS signatures (v4, and v2 for old tools) with fixed local credentials, so
 * the AWS SDK, the AWS CLI and Iceberg's S3FileIO work unchanged against {@link #endpoint()}.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
  public static final String ACCESS_KEY = "local";
  public static final String SECRET_KEY = "localsecret";
  public static final String REGION = "us-east-1";
  private static final String BIND_HOST = "127.0.0.1";

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  private final URI endpoint;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedS3(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
    this.proxy = proxy;
    this.blobStore = blobStore;
    this.endpoint = endpoint;
  }

  /**
   * Serves the buckets under {@code dataDir} on {@code port} of the loopback interface (0, or a busy port, means any
   * free port; {@link #endpoint()} tells which).
   */
  public static EmbeddedS3 start(Path dataDir, int port) throws IOException {
    Path root = dataDir.toAbsolutePath();
    Files.createDirectories(root);
    int wanted = port > 0 && Ports.isFree(port) ? port : 0;
    try {
      return startOn(root, wanted);
    } catch (BindException takenMeanwhile) {
      if (wanted == 0) {
        throw takenMeanwhile;
      }
      LOG.warn("Port {} taken while starting S3, using a free one", wanted);
      return startOn(root, 0);
    }
  }

  private static EmbeddedS3 startOn(Path root, int port) throws IOException {
    BlobStore blobStore = new FilesystemNio2BlobStore(root.toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://" + BIND_HOST + ":" + port))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .jettyMaxThreads(32)
            // Jetty's graceful stop waits for idle keep-alive connections too, which clients hold for seconds.
            .stopTimeout(0)
            .build();
    try {
      proxy.start();
      awaitStarted(proxy);
    } catch (Exception e) {
      stopQuietly(proxy);
      if (Ports.isBindFailure(e)) {
        throw new BindException("Port " + port + " is taken: " + e.getMessage());
      }
      throw e instanceof IOException io ? io : new IOException("Cannot start S3Proxy: " + e.getMessage(), e);
    }
    // "localhost" rather than the address: it is what people type, and AWS signatures cover the host name as sent.
    URI endpoint = URI.create("http://localhost:" + proxy.getPort());
    LOG.info("S3 API up at {} (data in {})", endpoint, root);
    return new EmbeddedS3(proxy, blobStore, endpoint);
  }

  private static void awaitStarted(S3Proxy proxy) throws IOException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.currentTimeMillis() > deadline || Thread.currentThread().isInterrupted()) {
        throw new IOException("S3Proxy did not start (state " + proxy.getState() + ")");
      }
      Sleeper.sleep(20);
    }
  }

  /** {@code http://localhost:<port>}: the endpoint override for S3 clients (path-style addressing). */
  public URI endpoint() {
    return endpoint;
  }

  public String accessKey() {
    return ACCESS_KEY;
  }

  public String secretKey() {
    return SECRET_KEY;
  }

  public String region() {
    return REGION;
  }

  /** Creates a bucket unless it exists. */
  public void createBucket(String bucket) {
    if (!blobStore.containerExists(bucket)) {
      blobStore.createContainer(bucket);
    }
  }

  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    stopQuietly(proxy);
    LOG.info("S3 API at {} stopped", endpoint);
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("Stopping S3Proxy failed", e);
    }
  }
}
