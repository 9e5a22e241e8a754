package dev.listings.usecases.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.listings.usecases.query.PricePerSqmView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How an instance asks another one for its part of a top-N answer, against a stand-in HTTP server. */
class HttpRemoteTopTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicReference<URI> requested = new AtomicReference<>();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> body = new AtomicReference<>("[]");
  private HttpServer server;
  private HostInfo host;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    server.createContext("/", exchange -> {
      requested.set(exchange.getRequestURI());
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status.get(), bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
    host = new HostInfo("localhost", server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void asksTheOtherInstanceForItsLocalTopAndReadsTheAnswer() throws Exception {
    PricePerSqmView zug = new PricePerSqmView(
        "Zug", "house", "2023-03", 3, 13000, 13000, 12000, 14000, 11000, 15000, "2023-03-31T00:00:00Z");
    body.set(JSON.writeValueAsString(List.of(zug)));

    List<PricePerSqmView> answer =
        new HttpRemoteTop(JSON, Duration.ofSeconds(5)).fetch(host, "house", YearMonth.of(2023, 3), 5, 2);

    assertThat(answer).containsExactly(zug);
    assertThat(requested.get().getPath()).isEqualTo("/usecases/price-per-sqm/top/local");
    assertThat(requested.get().getQuery()).isEqualTo("type=house&month=2023-03&n=5&minCount=2");
  }

  @Test
  void failsWhenTheOtherInstanceDoesNotAnswer200() {
    status.set(503);
    body.set("{\"error\":\"unavailable\"}");

    assertThatThrownBy(
            () -> new HttpRemoteTop(JSON, Duration.ofSeconds(5)).fetch(host, "house", YearMonth.of(2023, 3), 5, 1))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("503");
  }
}
