package dev.listings.local.run;

import dev.listings.local.stack.Endpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Uploads input files (or every file under input folders) to the landing bucket, as a scraper or partner would. */
public final class Uploader implements AutoCloseable {
  /** An uploaded object, with the size of the file. */
  public record Uploaded(ObjectRef object, Path file, long bytes) {}

  private final S3Client s3;
  private final String bucket;

  public Uploader(Endpoints endpoints) {
    this.bucket = endpoints.landingBucket();
    this.s3 =
        S3Client.builder()
            .endpointOverride(endpoints.s3Uri())
            .forcePathStyle(true)
            .region(Region.of(endpoints.s3Region()))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /** Expands folders into their regular, non-hidden files, sorted by path; a missing path is an error. */
  public static List<Path> expand(List<Path> inputs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new IOException("Input not found: " + input);
      }
    }
    if (files.isEmpty()) {
      throw new IOException("No input files under " + inputs);
    }
    return files;
  }

  /** Uploads one file to {@code prefix + file name} and returns the object version it became. */
  public Uploaded upload(Path file, String prefix) {
    String key = prefix + file.getFileName();
    var response = s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), file);
    return new Uploaded(new ObjectRef(bucket, key, unquote(response.eTag())), file, file.toFile().length());
  }

  /** S3 returns ETags in quotes; the pipeline's provenance carries them bare. */
  public static String unquote(String etag) {
    return etag == null ? null : etag.replace("\"", "");
  }

  @Override
  public void close() {
    s3.close();
  }
}
