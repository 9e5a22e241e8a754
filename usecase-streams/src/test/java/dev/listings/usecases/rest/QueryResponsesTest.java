package dev.listings.usecases.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.listings.usecases.query.QueryResult;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class QueryResponsesTest {
  private static final URI REQUEST =
      URI.create("http://me:8080/usecases/price-per-sqm/stats/La%20Chaux-de-Fonds/house/2023-03?x=1");
  private final QueryResponses responses = new QueryResponses(Duration.ofSeconds(3));

  @Test
  void answersAFoundValueWith200() {
    Response response = responses.of(new QueryResult.Found<>("value"), REQUEST, false);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(response.getEntity()).isEqualTo("value");
  }

  @Test
  void answersNotFoundWith404() {
    assertThat(responses.of(new QueryResult.NotFound<>("key"), REQUEST, false).getStatus()).isEqualTo(404);
  }

  @Test
  void redirectsToTheOwnerMarkingTheRequestAsForwarded() {
    Response response = responses.of(new QueryResult.Remote<>(new HostInfo("10.0.0.7", 8080)), REQUEST, false);

    assertThat(response.getStatus()).isEqualTo(307);
    assertThat(response.getLocation())
        .isEqualTo(
            URI.create(
                "http://10.0.0.7:8080/usecases/price-per-sqm/stats/La%20Chaux-de-Fonds/house/2023-03?x=1&forwarded=true"));
  }

  @Test
  void answers503InsteadOfRedirectingAForwardedRequestAgain() {
    Response response = responses.of(new QueryResult.Remote<>(new HostInfo("other", 8080)), REQUEST, true);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("3");
  }

  @Test
  void answersUnavailableWith503AndRetryAfter() {
    Response response = responses.of(new QueryResult.Unavailable<>("rebalancing"), REQUEST, false);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("3");
    assertThat(response.getEntity()).isEqualTo(new ErrorBody("unavailable", "rebalancing"));
  }
}
