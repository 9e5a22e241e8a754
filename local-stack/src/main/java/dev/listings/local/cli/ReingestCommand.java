package dev.listings.local.cli;

import dev.listings.local.ops.Cluster;
import dev.listings.local.ops.ConnectRest;
import dev.listings.local.stack.Endpoints;
import dev.listings.local.ops.OffsetTarget;
import dev.listings.local.ops.OpsException;
import dev.listings.local.ops.Reingest;
import dev.listings.local.ops.StatusLine;
import dev.listings.local.ops.Table;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ./pipeline replay reingest}: re-ingests the S3 objects under a prefix, modified within a time range. */
@Command(
    name = "reingest",
    header = "Re-ingest the S3 objects under a prefix modified in a time range.",
    mixinStandardHelpOptions = true,
    description = {
      "Re-ingests the objects under an S3 prefix whose last-modified time is in [--from, --to): runs a "
        + "new instance of the landing connector (fresh name, so fresh source offsets; listing mode; only "
        + "the selected keys) writing to backfill.NAME.listings.raw.v1 and backfill.NAME.ingest.audit.v1 "
        + "(or, with --into-main, to the production topics), waits for every object's audit event, then "
        + "removes the connector. Clean the re-ingested lines with: ./pipeline replay cleaner "
        + "--side-instance NAME --input-topic backfill.NAME.listings.raw.v1 --to-earliest",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ./pipeline replay reingest --prefix sample/ --dry-run",
      "  ./pipeline replay reingest --prefix 2026/01/ --from 2026-01-05 \\",
        "      --to 2026-01-06 --name jan5"
    })
final class ReingestCommand implements Callable<Integer> {
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Spec CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions clusterOptions;

  @Option(names = "--prefix", required = true, paramLabel = "PREFIX",
      description = "Key prefix to re-ingest (\"\" for the whole bucket).")
  String prefix;

  @Option(names = "--from", paramLabel = "TIME", description = "Objects last modified at or after TIME (UTC).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Objects last modified before TIME (UTC).")
  String to;

  @Option(names = "--name", paramLabel = "NAME",
      description = "Names the connector (s3-reingest-NAME) and the backfill topics (default: reingest-<UTC time>).")
  String name;

  @Option(names = "--bucket", paramLabel = "BUCKET",
      description = "Landing bucket (default: the template connector's, or the local stack's).")
  String bucket;

  @Option(names = "--into-main",
      description = "Write to listings.raw.v1 and ingest.audit.v1: the production cleaner judges the lines again "
          + "and counts them a second time for their objects (see docs/operations.md).")
  boolean intoMain;

  @Option(names = "--template-connector", paramLabel = "NAME", defaultValue = "s3-landing",
      description = "Connector whose configuration is copied (default: ${DEFAULT-VALUE}).")
  String template;

  @Option(names = "--connect-url", paramLabel = "URL",
      description = "Kafka Connect REST URL (default: from endpoints.json, else http://localhost:8083).")
  String connectUrl;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "S3 endpoint (default: local stack's, else AWS).")
  String s3Endpoint;

  @Option(names = "--s3-region", paramLabel = "REGION", description = "S3 region (default: local stack's, else AWS "
      + "default chain).")
  String s3Region;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "1800",
      description = "Give up waiting after this long (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--keep-connector", description = "Leave the re-ingest connector in place afterwards.")
  boolean keepConnector;

  @Option(names = "--dry-run", description = "List the objects that would be re-ingested; change nothing.")
  boolean dryRun;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      Instant fromTime = from == null ? null : OffsetTarget.parseDatetime(from).time();
      Instant toTime = to == null ? null : OffsetTarget.parseDatetime(to).time();
      Optional<Endpoints> local = clusterOptions.endpoints();
      Cluster cluster = clusterOptions.cluster();
      ConnectRest connect = new ConnectRest(connectUrl != null ? connectUrl
          : local.map(Endpoints::connectRestUrl).orElse("http://localhost:8083"));
      Reingest.S3Access s3 = new Reingest.S3Access(
          s3Endpoint != null ? s3Endpoint : local.map(Endpoints::s3Endpoint).orElse(null),
          local.filter(e -> s3Endpoint == null).map(Endpoints::s3AccessKey).orElse(null),
          local.filter(e -> s3Endpoint == null).map(Endpoints::s3SecretKey).orElse(null),
          s3Region != null ? s3Region : local.map(Endpoints::s3Region).orElse(null));
      Map<String, String> templateConfig = connect.config(template).orElse(null);
      if (templateConfig == null && local.isEmpty()) {
        throw new OpsException("Template connector " + template + " not found at " + connect.base()
            + "; name the landing connector with --template-connector");
      }
      String theBucket = bucket != null ? bucket
          : templateConfig != null && templateConfig.get("s3.bucket") != null ? templateConfig.get("s3.bucket")
              : local.map(Endpoints::landingBucket).orElse(null);
      if (theBucket == null) {
        throw new OpsException("Which bucket? Give --bucket");
      }
      if (templateConfig == null) {
        templateConfig = Reingest.defaultTemplate(s3, theBucket);
      }
      String theName = name != null ? name : "reingest-" + NAME_TIME.format(Instant.now());
      Reingest.Spec reingest = new Reingest.Spec(theName, theBucket, prefix, fromTime, toTime, intoMain, template,
          Duration.ofSeconds(timeoutSeconds), keepConnector);
      List<Reingest.Selected> selected;
      try (S3Client client = s3.client()) {
        selected = Reingest.select(client, theBucket, prefix, fromTime, toTime);
      } catch (SdkException e) {
        throw new OpsException("Listing s3://" + theBucket + "/" + prefix + " failed: " + e.getMessage(), e);
      }
      if (selected.isEmpty()) {
        throw new OpsException("No object under s3://" + theBucket + "/" + prefix + " was modified in ["
            + (fromTime == null ? "-inf" : fromTime) + ", " + (toTime == null ? "+inf" : toTime)
            + "); nothing to re-ingest");
      }
      out.println("Cluster " + cluster.describe() + ", Kafka Connect " + connect.base());
      out.printf(Locale.ROOT, "Re-ingest %s: %d object(s) under s3://%s/%s modified in [%s, %s)%n", theName,
          selected.size(), theBucket, prefix, fromTime == null ? "-inf" : fromTime, toTime == null ? "+inf" : toTime);
      out.println(Table.render(List.of("key", "etag", "bytes", "last modified"), selected.stream()
          .limit(50).map(s -> List.of(s.key(), s.etag(), Long.toString(s.size()), s.lastModified().toString()))
          .toList(), "  "));
      if (selected.size() > 50) {
        out.println("  ... and " + (selected.size() - 50) + " more");
      }
      out.println("  connector " + reingest.connector() + " -> " + reingest.rawTopic() + ", " + reingest.auditTopic());
      if (dryRun) {
        out.println("Dry run: nothing was created.");
        return 0;
      }
      out.flush();
      StatusLine status = new StatusLine(out);
      Reingest.Outcome outcome = Reingest.run(cluster, connect, reingest, templateConfig, selected, status::update);
      status.done();
      out.printf(Locale.ROOT, "Re-ingested %d object(s), %,d line(s) into %s (%d failed)%n",
          outcome.audits().size(), outcome.lines(), outcome.rawTopic(), outcome.failed());
      Map<String, String> failed = new TreeMap<>();
      outcome.audits().forEach((key, audit) -> {
        if ("failed".equals(audit.path("status").asText())) {
          failed.put(key, audit.path("error").asText());
        }
      });
      failed.forEach((key, error) -> out.println("  FAILED " + key + ": " + error));
      if (!intoMain) {
        out.println("Next: ./pipeline replay cleaner --side-instance " + theName + " --input-topic "
            + outcome.rawTopic() + " --to-earliest");
      }
      return failed.isEmpty() ? 0 : 1;
    } catch (OpsException e) {
      out.flush();
      spec.commandLine().getErr().println("pipeline replay reingest: " + e.getMessage());
      return 1;
    }
  }
}
