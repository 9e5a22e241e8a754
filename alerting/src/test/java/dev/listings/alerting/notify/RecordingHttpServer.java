package dev.listings.alerting.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP server on a free local port that records every request and answers from a per-path script (queued
 * responses first, then the path's default answer, else 200 with an empty body).
 */
public final class RecordingHttpServer implements AutoCloseable {
  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();
  private final Map<String, Deque<Response>> scripted = new HashMap<>();
  private final Map<String, Function<Request, Response>> defaults = new HashMap<>();

  /** One recorded request; header names in lower case. */
  public record Request(String method, String path, Map<String, String> headers, String body) {}

  public record Response(int status, Map<String, String> headers, String body) {
    public static Response of(int status) {
      return new Response(status, Map.of(), "");
    }
  }

  private RecordingHttpServer(HttpServer server) {
    this.server = server;
  }

  public static RecordingHttpServer start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    RecordingHttpServer recorder = new RecordingHttpServer(server);
    server.createContext("/", recorder::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return recorder;
  }

  public URI url(String path) {
    return URI.create("http://localhost:" + server.getAddress().getPort() + path);
  }

  /** Answers the next request to {@code path} with these responses, in order. */
  public synchronized RecordingHttpServer enqueue(String path, Response... responses) {
    scripted.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(responses));
    return this;
  }

  /** Answers requests to {@code path} that have no queued response. */
  public synchronized RecordingHttpServer answer(String path, Function<Request, Response> answer) {
    defaults.put(path, answer);
    return this;
  }

  public synchronized List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /** Waits until {@code count} requests to {@code path} arrived; returns them. */
  public List<Request> await(String path, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (requests(path).size() < count && System.nanoTime() < deadline) {
        wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
      return requests(path);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new HashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Request request =
        new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(headers), body);
    Response response;
    synchronized (this) {
      requests.add(request);
      Deque<Response> queue = scripted.get(request.path());
      if (queue != null && !queue.isEmpty()) {
        response = queue.poll();
      } else {
        response = defaults.getOrDefault(request.path(), r -> Response.of(200)).apply(request);
      }
      notifyAll();
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
