package dev.listings.alerting.app;

import dev.listings.alerting.notify.RecordingHttpServer;
import dev.listings.alerting.notify.RecordingHttpServer.Response;
import dev.listings.infra.EmbeddedKafkaBroker;
import dev.listings.schemas.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the broker (with the alerting's topics) and the receivers before the app, and points the app at them with
 * short windows and timeouts so the test runs in seconds.
 */
public class AlertingStackResource implements QuarkusTestResourceLifecycleManager {
  static final String ALERTS = "pipeline.alerts.v1";
  static final String APP_ERRORS = "pipeline.app-errors.v1";
  static final String SNS_TOPIC = "arn:aws:sns:eu-west-1:000000000000:listings-alerts";
  private static final String PUBLISHED = """
      <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
        <PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
        <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata>
      </PublishResponse>""";

  private AlertingStack stack;

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("alerting-it");
      EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir, 0);
      broker.createTopic(Topics.REJECTS, 3, Map.of());
      broker.createTopic(Topics.INGEST_AUDIT, 1, Map.of());
      broker.createTopic(Topics.LEDGER, 2, Map.of("cleanup.policy", "compact"));
      broker.createTopic(APP_ERRORS, 1, Map.of());
      broker.createTopic(ALERTS, 1, Map.of());
      RecordingHttpServer hooks = RecordingHttpServer.start();
      RecordingHttpServer sns = RecordingHttpServer.start();
      sns.answer("/", request -> new Response(200, Map.of("Content-Type", "text/xml"), PUBLISHED));
      stack = new AlertingStack(broker, hooks, sns);

      Map<String, String> config = new HashMap<>();
      config.put("kafka.bootstrap.servers", broker.bootstrapServers());
      config.put("alerting.evaluation-interval", "200ms");
      config.put("alerting.poll-timeout", "100ms");
      config.put("alerting.reject-ratio.per-source.window", "4s");
      config.put("alerting.reject-ratio.per-source.min-lines", "20");
      config.put("alerting.reject-ratio.per-source.resolve-after", "500ms");
      config.put("alerting.reject-ratio.per-reason.enabled", "false");
      config.put("alerting.objects.unaccounted-timeout", "2s");
      config.put("alerting.objects.track-for", "1h");
      config.put("alerting.notifiers.slack.url", hooks.url("/slack").toString());
      config.put("alerting.notifiers.webhook.url", hooks.url("/hook").toString());
      config.put("alerting.notifiers.webhook.headers.\"X-Alert-Token\"", "t0k3n");
      config.put("alerting.notifiers.sns.topic-arn", SNS_TOPIC);
      config.put("alerting.notifiers.sns.endpoint", sns.url("/").toString());
      config.put("alerting.notifiers.sns.access-key", "local");
      config.put("alerting.notifiers.sns.secret-key", "localsecret");
      config.put("alerting.notifiers.retry.initial-backoff", "50ms");
      config.put("alerting.notifiers.retry.max-backoff", "200ms");
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void inject(TestInjector injector) {
    injector.injectIntoFields(stack, new TestInjector.MatchesType(AlertingStack.class));
  }

  @Override
  public void stop() {
    if (stack != null) {
      stack.hooks().close();
      stack.sns().close();
      stack.broker().close();
    }
  }
}
