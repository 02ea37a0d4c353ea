package org.modelregistry.interfaces.rest.identity;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.identity.CreateUserRequest;
import org.modelregistry.api.identity.UserDto;
import org.modelregistry.api.identity.UserService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/users}: user management, registry administrators only. */
@RolesAllowed({Roles.ADMIN})
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Users")
public class UserResource {

    @EJB
    UserService users;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = CreateUserRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "contributor",
                                            value =
                                                    "{\"username\":\"alice\",\"displayName\":\"Alice\","
                                                            + "\"email\":\"alice@example.com\",\"password\":\"a-long-passphrase\","
                                                            + "\"memberships\":[{\"organization\":\"default\",\"role\":\"CONTRIBUTOR\"}]}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = UserDto.class)))
    @APIResponse(
            responseCode = "403",
            description = "Not a registry administrator",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "The user name is taken",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(JsonStructure body) {
        UserDto dto = users.create(CreateUserRequest.fromJson(Http.requireBody(body)));
        return Response.created(uri.getBaseUriBuilder().path("v1/users/{id}").build(dto.id()))
                .tag(Http.etag(dto.revision()))
                .entity(dto)
                .build();
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users")
    public List<UserDto> list() {
        return users.list();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getUser", summary = "Read a user")
    @APIResponse(
            responseCode = "200",
            description = "The user",
            content = @Content(schema = @Schema(implementation = UserDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such user",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response get(@PathParam("id") String id) {
        UserDto dto = users.get(Http.id(id, "user"));
        return Response.ok(dto).tag(Http.etag(dto.revision())).build();
    }

    @PATCH
    @Path("{id}")
    @Consumes({Http.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "updateUser",
            summary = "Change a user (JSON Merge Patch)",
            description =
                    "active=false disables the user;" + " password sets a new one; memberships replaces all of them.")
    @APIResponse(
            responseCode = "200",
            description = "The changed user",
            content = @Content(schema = @Schema(implementation = UserDto.class)))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response patch(@PathParam("id") String id, JsonStructure patch, @HeaderParam("If-Match") String ifMatch) {
        JsonObject body = Http.requireBody(patch);
        UserDto dto = users.patch(Http.id(id, "user"), body, Http.ifMatch(ifMatch));
        return Response.ok(dto).tag(Http.etag(dto.revision())).build();
    }
}
