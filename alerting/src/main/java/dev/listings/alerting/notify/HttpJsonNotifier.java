package dev.listings.alerting.notify;

import dev.listings.alerting.json.AlertJson;
import dev.listings.alerting.model.Alert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * POSTs each alert as JSON to a URL: a Slack-compatible incoming webhook ({@link #slack}, the body is a Slack message)
 * or any HTTP endpoint ({@link #webhook}, the body is the alert JSON). 2xx is delivered; 5xx, 408, 429 (honouring
 * Retry-After), timeouts and connection failures are retryable; other statuses fail for good.
 */
public final class HttpJsonNotifier implements Notifier {
  private final String name;
  private final URI url;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final HttpClient client;
  private final Function<Alert, byte[]> body;
  private final Clock clock;

  HttpJsonNotifier(String name, URI url, Map<String, String> headers, Duration timeout, HttpClient client,
      Function<Alert, byte[]> body, Clock clock) {
    this.name = name;
    this.url = url;
    this.headers = Map.copyOf(headers);
    this.timeout = timeout;
    this.client = client;
    this.body = body;
    this.clock = clock;
  }

  /** A Slack (or Mattermost, Rocket.Chat, ...) incoming webhook. */
  public static HttpJsonNotifier slack(URI url, Duration timeout, Clock clock) {
    return new HttpJsonNotifier("slack", url, Map.of(), timeout, client(timeout), SlackMessage::bytes, clock);
  }

  /** A generic webhook receiving the alert JSON, with extra headers such as {@code Authorization}. */
  public static HttpJsonNotifier webhook(URI url, Map<String, String> headers, Duration timeout, Clock clock) {
    return new HttpJsonNotifier("webhook", url, headers, timeout, client(timeout), AlertJson::bytes, clock);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DeliveryResult deliver(Alert alert) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", "listings-alerting")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.apply(alert)));
    headers.forEach(request::header);
    try {
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return HttpResults.classify(response.statusCode(),
          response.headers().firstValue("Retry-After").orElse(null), clock.instant());
    } catch (HttpTimeoutException e) {
      return DeliveryResult.retryable("timed out after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return DeliveryResult.retryable(e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.failed("interrupted");
    }
  }

  private static HttpClient client(Duration timeout) {
    return HttpClient.newBuilder()
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }
}
