package dev.listings.usecases.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.listings.usecases.query.PricePerSqmView;
import dev.listings.usecases.query.TopMunicipalities;
import dev.listings.usecases.rest.PricePerSqmResource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another instance for its local top-N over HTTP ({@code GET /usecases/price-per-sqm/top/local}). */
final class HttpRemoteTop implements TopMunicipalities.RemoteTop {
  private final ObjectMapper mapper;
  private final Duration timeout;
  private final HttpClient client;

  HttpRemoteTop(ObjectMapper mapper, Duration timeout) {
    this.mapper = mapper;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public List<PricePerSqmView> fetch(HostInfo host, String propertyType, YearMonth month, int n, long minCount)
      throws IOException, InterruptedException {
    URI uri =
        URI.create(
            "http://" + host.host() + ":" + host.port() + PricePerSqmResource.PATH + "/top/local"
                + "?type=" + URLEncoder.encode(propertyType, StandardCharsets.UTF_8)
                + "&month=" + month
                + "&n=" + n
                + "&minCount=" + minCount);
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException(uri + " answered " + response.statusCode());
    }
    return List.of(mapper.readValue(response.body(), PricePerSqmView[].class));
  }
}
