package dev.listings.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API (S3Proxy) over a folder: buckets are sub-folders, objects are files. Path-style access and AWS
 * signature v4 with fixed local credentials, so the AWS SDK, the AWS CLI and Iceberg's S3FileIO work unchanged.
 */
public final class EmbeddedS3 implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedS3.class);
  public static final String ACCESS_KEY = "local";
  public static final String SECRET_KEY = "localsecret";
  public static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  private final URI endpoint;

  private EmbeddedS3(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
    this.proxy = proxy;
    this.blobStore = blobStore;
    this.endpoint = endpoint;
  }

  /** Serves the buckets under {@code dataDir} on {@code port} (0 or a busy port: any free port). */
  public static EmbeddedS3 start(Path dataDir, int port) throws IOException {
    Path root = dataDir.toAbsolutePath();
    Files.createDirectories(root);
    int chosen = Ports.preferredOrFree(port);
    URI endpoint = URI.create("http://localhost:" + chosen);
    BlobStore blobStore = new FilesystemNio2BlobStore(root.toString());
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:" + chosen))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .jettyMaxThreads(32)
            .build();
    try {
      proxy.start();
      long deadline = System.currentTimeMillis() + 30_000;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.currentTimeMillis() > deadline) {
          throw new IOException("S3Proxy did not start (state " + proxy.getState() + ")");
        }
        Thread.sleep(20);
      }
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("Cannot start S3Proxy on port " + chosen + ": " + e.getMessage(), e);
    }
    LOG.info("S3 API up at {} (data in {})", endpoint, root);
    return new EmbeddedS3(proxy, blobStore, endpoint);
  }

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
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("Stopping S3Proxy failed", e);
    }
  }
}
