package dev.listings.usecases.rest;

import dev.listings.usecases.app.UseCaseConfig;
import dev.listings.usecases.query.MarketActivityQueries;
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

/** New listings per municipality and day. */
@Path("/usecases/market-activity")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "market-activity")
public class MarketActivityResource {
  private final MarketActivityQueries queries;
  private final QueryResponses responses;

  public MarketActivityResource(MarketActivityQueries queries, UseCaseConfig config) {
    this.queries = queries;
    this.responses = new QueryResponses(config.query().retryAfter());
  }

  @GET
  @Path("/{municipality}/{date}")
  @Operation(summary = "Listings first scraped in a municipality on a day (YYYY-MM-DD)")
  public Response newListings(
      @PathParam("municipality") String municipality,
      @PathParam("date") String date,
      @QueryParam(QueryResponses.FORWARDED) @DefaultValue("false") boolean forwarded,
      @Context UriInfo uri) {
    return responses.of(queries.newListings(municipality, Params.date(date)), uri.getRequestUri(), forwarded);
  }
}
