package org.modelregistry.interfaces.rest.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.catalog.ArtifactContent;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactService;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.common.IdempotencyService.StoredResponse;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.problem.PayloadTooLargeException;
import org.modelregistry.api.problem.PreconditionFailedException;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.IdempotentCreate;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;
import org.modelregistry.interfaces.rest.openapi.Pages;

/** {@code .../versions/{version}/artifacts}: artifacts of a version, and their content. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/artifacts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Artifacts")
public class ArtifactResource {

    /** The header that carries the content's sha256 (RFC 9530), also on a redirect to the object store. */
    static final String REPR_DIGEST = "Repr-Digest";

    private static final Pattern SINGLE_RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    @EJB
    ArtifactService artifacts;

    @Inject
    IdempotentCreate idempotent;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createArtifact",
            summary = "Register an artifact",
            description = "Give uri (with sha256 and size) for content kept"
                    + " elsewhere, or leave uri out and upload the content with PUT .../content.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = CreateArtifactRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "weights",
                                            value = "{\"type\":\"MODEL_WEIGHTS\",\"name\":\"model.safetensors\","
                                                    + "\"license\":\"Apache-2.0\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ArtifactDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "Name taken, or the version is not a DRAFT",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields (SPDX licence, digest...)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            JsonStructure body,
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey) {
        UUID id = Http.id(modelId, "model");
        JsonObject json = Http.requireBody(body);
        CreateArtifactRequest request = CreateArtifactRequest.fromJson(json);
        return idempotent.run(idempotencyKey, security, "POST", uri.getPath(), json.toString(), () -> {
            ArtifactDto dto = artifacts.create(id, version, request);
            String location = uri.getBaseUriBuilder()
                    .path("v1/models/{id}/versions/{version}/artifacts/{artifact}")
                    .build(id, version, dto.id())
                    .toString();
            return new StoredResponse(201, location, ModelResource.JSONB.toJson(dto), dto.revision(), false);
        });
    }

    @GET
    @Operation(operationId = "listArtifacts", summary = "List the artifacts of a version")
    @APIResponse(
            responseCode = "200",
            description = "A page of artifacts",
            content = @Content(schema = @Schema(implementation = Pages.ArtifactPage.class)))
    public Page<ArtifactDto> list(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return artifacts.list(Http.id(modelId, "model"), version, Http.limit(limit), cursor);
    }

    @GET
    @Path("{artifactId}")
    @Operation(operationId = "getArtifact", summary = "Read an artifact")
    @APIResponse(
            responseCode = "200",
            description = "The artifact",
            content = @Content(schema = @Schema(implementation = ArtifactDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such artifact",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "412",
            description = "If-Match names no current ETag of it",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response get(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            @PathParam("artifactId") String artifactId,
            @Context Request request) {
        ArtifactDto dto = artifacts.get(Http.id(modelId, "model"), version, Http.id(artifactId, "artifact"));
        return Http.tagged(request, dto, dto.revision());
    }

    @PUT
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Path("{artifactId}/content")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            operationId = "uploadArtifactContent",
            summary = "Upload the content of an artifact",
            description = "Streamed to the blob store and hashed on the way in; a sha256 declared at registration"
                    + " must match (else 422 and nothing is stored). Content is immutable once stored.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_OCTET_STREAM,
                            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(
            responseCode = "200",
            description = "The artifact with its computed sha256 and size",
            content = @Content(schema = @Schema(implementation = ArtifactDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "Content already stored, artifact is a URI reference, or the" + " version is not a DRAFT",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "413",
            description = "Larger than the configured maximum",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Digest or size mismatch",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "507",
            description = "The organization's storage quota would be exceeded",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response upload(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            @PathParam("artifactId") String artifactId,
            @HeaderParam("Content-Length") String length,
            @HeaderParam("Content-Type") String contentType,
            InputStream content) {
        long max = artifacts.maxUploadBytes();
        Long declared = length != null && length.matches("\\d{1,18}") ? Long.valueOf(length) : null;
        if ((declared != null && declared > max) || (length != null && length.matches("\\d{19,}"))) {
            throw new PayloadTooLargeException("content", max); // refuse before reading a byte
        }
        String mediaType =
                contentType == null ? null : contentType.split(";")[0].trim().toLowerCase();
        ArtifactDto dto = artifacts.storeContent(
                Http.id(modelId, "model"),
                version,
                Http.id(artifactId, "artifact"),
                content,
                MediaType.APPLICATION_OCTET_STREAM.equals(mediaType) ? null : mediaType,
                declared);
        return Response.ok(dto).tag(Http.etag(dto.revision())).build();
    }

    @GET
    @Path("{artifactId}/content")
    @Produces(MediaType.WILDCARD)
    @Operation(
            operationId = "downloadArtifactContent",
            summary = "Download the content of an artifact",
            description = "ETag is the sha256 (also in Repr-Digest); honours If-None-Match and a single Range (206)."
                    + " Large content on an S3 store may answer 307 to a short-lived presigned URL.")
    @APIResponse(responseCode = "200", description = "The content")
    @APIResponse(responseCode = "206", description = "The requested range")
    @APIResponse(responseCode = "307", description = "Fetch the content from the object store (presigned URL)")
    @APIResponse(
            responseCode = "404",
            description = "No content stored for the artifact",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(responseCode = "416", description = "Range not satisfiable")
    @APIResponse(
            responseCode = "412",
            description = "If-Match names no current ETag of it",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response download(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            @PathParam("artifactId") String artifactId,
            @HeaderParam("Range") String range,
            @Context Request request) {
        ArtifactContent content =
                artifacts.content(Http.id(modelId, "model"), version, Http.id(artifactId, "artifact"));
        EntityTag etag = new EntityTag(content.sha256());
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null && notModified.build().getStatus() == 412) {
            throw new PreconditionFailedException(
                    "the content's ETag is its sha256, not " + request.getMethod() + " If-Match");
        }
        if (notModified != null) {
            return notModified.tag(etag).build();
        }
        if (content.redirect().isPresent()) {
            // large content on an object store: the client fetches it from there (sending its Range again), and
            // checks what it got against the digest given here
            return Response.temporaryRedirect(content.redirect().get())
                    .tag(etag)
                    .header(REPR_DIGEST, reprDigest(content.sha256()))
                    .header("Cache-Control", "no-store")
                    .build();
        }
        long size = content.size();
        long start = 0;
        long end = size - 1;
        boolean partial = false;
        if (range != null) {
            Matcher m = SINGLE_RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                if (m.group(1).isEmpty()) { // suffix range: the last N bytes
                    long n = Math.min(parse(m.group(2)), size);
                    start = size - n;
                } else {
                    start = parse(m.group(1));
                    end = m.group(2).isEmpty() ? size - 1 : Math.min(parse(m.group(2)), size - 1);
                }
                if (start >= size || start > end) {
                    return Response.status(416)
                            .header("Content-Range", "bytes */" + size)
                            .tag(etag)
                            .build();
                }
                partial = true;
            }
            // anything else (several ranges, other units) is served whole, as RFC 9110 allows
        }
        final long from = start;
        final long count = end - start + 1;
        StreamingOutput body = out -> copy(content, from, count, out);
        Response.ResponseBuilder builder = Response.status(partial ? 206 : 200)
                .entity(body)
                .type(content.mediaType())
                .tag(etag)
                .header(REPR_DIGEST, reprDigest(content.sha256()))
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", count)
                .header("Cache-Control", "private, max-age=31536000, immutable")
                .header("Content-Disposition", "attachment; filename=\"" + content.fileName() + "\"");
        if (partial) {
            builder.header("Content-Range", "bytes " + from + "-" + (from + count - 1) + "/" + size);
        }
        return builder.build();
    }

    private static long parse(String digits) {
        return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    /** RFC 9530's digest of the whole content, whatever range is sent: {@code sha-256=:<base64>:}. */
    static String reprDigest(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }

    private static void copy(ArtifactContent content, long from, long count, OutputStream out) throws IOException {
        try (InputStream in = content.source().open(from, count)) {
            byte[] buffer = new byte[64 * 1024]; // large content: fewer, larger writes than transferTo's 8 KiB
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        }
    }
}
