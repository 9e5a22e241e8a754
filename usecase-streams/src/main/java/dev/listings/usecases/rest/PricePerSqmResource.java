package dev.listings.usecases.rest;

import dev.listings.usecases.app.UseCaseConfig;
import dev.listings.usecases.query.PricePerSqmQueries;
import dev.listings.usecases.query.TopMunicipalities;
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

/** Live price-per-m² statistics. */
@Path(PricePerSqmResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "price-per-sqm")
public class PricePerSqmResource {
  public static final String PATH = "/usecases/price-per-sqm";

  private final PricePerSqmQueries queries;
  private final TopMunicipalities top;
  private final QueryResponses responses;

  public PricePerSqmResource(PricePerSqmQueries queries, TopMunicipalities top, UseCaseConfig config) {
    this.queries = queries;
    this.top = top;
    this.responses = new QueryResponses(config.query().retryAfter());
  }

  @GET
  @Path("/stats/{municipality}/{type}/{month}")
  @Operation(
      summary = "Current statistics of one municipality, property type and month (YYYY-MM)",
      description = "Count, mean, median, p10, p90, min and max of the price per m². Answered by the instance that"
          + " holds the group; others redirect there (307). Listings without municipality are under '(unknown)'.")
  public Response stats(
      @PathParam("municipality") String municipality,
      @PathParam("type") String type,
      @PathParam("month") String month,
      @QueryParam(QueryResponses.FORWARDED) @DefaultValue("false") boolean forwarded,
      @Context UriInfo uri) {
    return responses.of(
        queries.stats(municipality, type, Params.month(month)), uri.getRequestUri(), forwarded);
  }

  @GET
  @Path("/top")
  @Operation(
      summary = "Top-N municipalities by median price per m² for a property type and month",
      description = "Highest median first, over all instances; groups with fewer than minCount observations are"
          + " left out.")
  public Response top(
      @QueryParam("type") String type,
      @QueryParam("month") String month,
      @QueryParam("n") @DefaultValue("10") int n,
      @QueryParam("minCount") @DefaultValue("1") long minCount) {
    return responses.of(
        top.top(Params.required("type", type), Params.month(month), Params.top(n), minCount), null, true);
  }

  @GET
  @Path("/top/local")
  @Operation(
      summary = "This instance's part of a top-N answer",
      description = "Used by the other instances to assemble /top; answers from local partitions only.")
  public Response localTop(
      @QueryParam("type") String type,
      @QueryParam("month") String month,
      @QueryParam("n") @DefaultValue("10") int n,
      @QueryParam("minCount") @DefaultValue("1") long minCount) {
    return responses.of(
        queries.localTop(Params.required("type", type), Params.month(month), Params.top(n), minCount), null, true);
  }
}
