package dev.listings.usecases.rest;

import dev.listings.usecases.query.InstanceView;
import dev.listings.usecases.query.StoreAccess;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which instances run the application and which store partitions each holds. */
@Path("/usecases/metadata")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "metadata")
public class MetadataResource {
  private final StoreAccess access;

  public MetadataResource(StoreAccess access) {
    this.access = access;
  }

  @GET
  @Operation(summary = "Instances of the application, their stores and active partitions")
  public List<InstanceView> instances() {
    return access.instances();
  }
}
