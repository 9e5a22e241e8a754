package dev.listings.usecases.rest;

import dev.listings.usecases.app.UseCaseConfig;
import dev.listings.usecases.query.PriceChangeQueries;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Recent price changes of a listing. */
@Path("/usecases/price-changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "price-changes")
public class PriceChangesResource {
  private final PriceChangeQueries queries;
  private final QueryResponses responses;

  public PriceChangesResource(PriceChangeQueries queries, UseCaseConfig config) {
    this.queries = queries;
    this.responses = new QueryResponses(config.query().retryAfter());
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary = "Recent price changes of a listing, newest first",
      description = "An empty list for a known listing whose price never changed; 404 for an unknown id.")
  public Response recentChanges(
      @PathParam("id") String id,
      @QueryParam(QueryResponses.FORWARDED) @DefaultValue("false") boolean forwarded,
      @Context UriInfo uri) {
    return responses.of(queries.recentChanges(id), uri.getRequestUri(), forwarded);
  }
}
