package dev.listings.usecases.rest;

import dev.listings.usecases.query.QueryResult;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Turns a {@link QueryResult} into an HTTP answer: 200 with the value; 404; 307 to the instance that owns the key, with
 * {@code forwarded=true} added so that the owner answers itself and never sends the client on (an owner that no longer
 * owns the key, during a rebalance, answers 503); 503 with Retry-After while stores are not queryable.
 */
public final class QueryResponses {
  public static final String FORWARDED = "forwarded";

  private final Duration retryAfter;

  public QueryResponses(Duration retryAfter) {
    this.retryAfter = retryAfter;
  }

  public Response of(QueryResult<?> result, URI request, boolean forwarded) {
    if (result instanceof QueryResult.Found<?> found) {
      return Response.ok(found.value(), MediaType.APPLICATION_JSON_TYPE).build();
    }
    if (result instanceof QueryResult.NotFound<?> notFound) {
      return error(Response.Status.NOT_FOUND, "not-found", "nothing for " + notFound.what());
    }
    if (result instanceof QueryResult.Remote<?> remote) {
      if (forwarded) {
        return unavailable("the key is moving between instances (rebalance)");
      }
      return Response.temporaryRedirect(ownerUri(request, remote.owner())).build();
    }
    return unavailable(((QueryResult.Unavailable<?>) result).reason());
  }

  public Response unavailable(String reason) {
    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
        .header("Retry-After", Math.max(1, retryAfter.toSeconds()))
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody("unavailable", reason))
        .build();
  }

  static Response error(Response.Status status, String error, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(error, message)).build();
  }

  /** The same request addressed to {@code owner}, marked as forwarded. */
  static URI ownerUri(URI request, HostInfo owner) {
    String query = request.getRawQuery();
    String marked = (query == null || query.isEmpty() ? "" : query + "&") + FORWARDED + "=true";
    String host = owner.host().contains(":") ? "[" + owner.host() + "]" : owner.host();
    return URI.create("http://" + host + ":" + owner.port() + request.getRawPath() + "?" + marked);
  }
}
