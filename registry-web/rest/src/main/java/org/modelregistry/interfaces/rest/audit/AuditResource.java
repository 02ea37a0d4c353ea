package org.modelregistry.interfaces.rest.audit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.audit.AuditArchiveDto;
import org.modelregistry.api.audit.AuditCheckpointDto;
import org.modelregistry.api.audit.AuditRecordDto;
import org.modelregistry.api.audit.AuditSearchRequest;
import org.modelregistry.api.audit.AuditSearchResultDto;
import org.modelregistry.api.audit.AuditService;
import org.modelregistry.api.audit.AuditVerification;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.common.RequestJson;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;
import org.modelregistry.interfaces.rest.openapi.Pages;

/** {@code /api/v1/audit}: the tamper-evident audit log. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @EJB
    AuditService audit;

    @GET
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(
            operationId = "searchAuditRecords",
            summary = "Search the audit log",
            description = "Newest first; filters actor, action, objectId,"
                    + " q (text anywhere in the details: comments, names, policies; case-insensitive), from and to (RFC"
                    + " 3339); keyset-paginated. Auditors see the records of their organizations. Records"
                    + " carry the client address and the outcome (SUCCESS, or DENIED/FAILED for refused attempts).")
    @APIResponse(
            responseCode = "200",
            description = "A page of audit records",
            content = @Content(schema = @Schema(implementation = Pages.AuditPage.class)))
    @APIResponse(
            responseCode = "404",
            description = "objectId is not an id (a UUID)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Page<AuditRecordDto> search(
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("objectId") String objectId,
            @QueryParam("q") String q,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return audit.search(
                actor,
                action,
                objectId == null ? null : Http.id(objectId, "object"),
                q,
                Http.time("from", from),
                Http.time("to", to),
                Http.limit(limit),
                cursor);
    }

    @GET
    @Path("search")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(
            operationId = "searchAuditIndex",
            summary = "Full-text and faceted search of the audit log",
            description = "q: words of the details (comments, names, paths, policies) and of the actor and action, in"
                    + " simple query syntax (all words must match, \"phrases\", prefix*, fuzzy~, -excluded, a | b), at"
                    + " most 1000 characters. Exact filters actor, action, objectType, objectId, outcome, organization (id"
                    + " or slug: narrows, never widens); from (inclusive) and to (exclusive), RFC 3339. Facets count"
                    + " action, actor, objectType and outcome over all hits; timeline counts them per hour, day, week or"
                    + " month (interval; chosen from the range when absent). sort: newest (default, the chain's order),"
                    + " oldest or relevance. Auditors search the records of their organizations, registry"
                    + " administrators all. Each hit is re-read from the log and shown only when its content still"
                    + " hashes to the hash indexed; withheld counts those that did not.")
    @APIResponse(
            responseCode = "200",
            description = "Hits, total, facets and timeline",
            content = @Content(schema = @Schema(implementation = AuditSearchResultDto.class)))
    @APIResponse(
            responseCode = "400",
            description = "from or to not an RFC 3339 time, limit not an integer, or a cursor not of this search",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "404",
            description = "objectId is not an id (a UUID)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "403",
            description = "Neither an AUDITOR nor a registry administrator",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "q too long or too many terms, from not before to, limit out of range, unknown sort or"
                    + " interval, or too many time buckets",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public AuditSearchResultDto searchIndex(
            @Parameter(description = "The query") @QueryParam("q") String q,
            @QueryParam("actor") String actor,
            @QueryParam("action") String action,
            @QueryParam("objectType") String objectType,
            @QueryParam("objectId") String objectId,
            @Parameter(description = "An organization's id or slug") @QueryParam("organization") String organization,
            @Parameter(description = "SUCCESS, DENIED or FAILED") @QueryParam("outcome") String outcome,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @Parameter(description = "hour, day, week or month") @QueryParam("interval") String interval,
            @Parameter(description = "newest (default), oldest or relevance") @QueryParam("sort") String sort,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return audit.searchIndexed(new AuditSearchRequest(
                q,
                actor,
                action,
                objectType,
                objectId == null || objectId.isBlank() ? null : Http.id(objectId, "object"),
                organization,
                outcome,
                Http.time("from", from),
                Http.time("to", to),
                interval,
                sort,
                Http.limit(limit),
                cursor));
    }

    @GET
    @Path("verify")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(
            operationId = "verifyAuditChain",
            summary = "Recompute the audit chain",
            description = "Recomputes the chain of the records written"
                    + " in [from, to) (RFC 3339; both optional) and reports the first record that no longer matches its"
                    + " content and predecessor, and why (changed content, broken link, missing sequence numbers); then"
                    + " checks the signed checkpoints kept outside the database against the records, which catches a chain"
                    + " rewritten whole and a deleted tail (truncated), and that every archive, bridge and count row is"
                    + " covered by the registry's signature. intact is true only when all of it holds. Without organization:"
                    + " the whole registry, registry administrators only (403 otherwise); with organization (id or slug):"
                    + " that organization's records, for its AUDITORs (404 for anyone else).")
    @APIResponse(
            responseCode = "200",
            description = "The result",
            content = @Content(schema = @Schema(implementation = AuditVerification.class)))
    @APIResponse(
            responseCode = "403",
            description = "The whole registry, asked by someone not a registry" + " administrator",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "404",
            description = "No such organization among the caller's audited ones",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public AuditVerification verify(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("organization") String organization) {
        return audit.verify(Http.time("from", from), Http.time("to", to), organization);
    }

    @GET
    @Path("checkpoints")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(
            operationId = "listAuditCheckpoints",
            summary = "The signed checkpoints of the chain",
            description = "Newest first, as kept in the data"
                    + " directory: each a JWS (RS256, the registry's key) of the head's seq, hash and record count, to"
                    + " export and keep elsewhere.")
    public List<AuditCheckpointDto> checkpoints() {
        return audit.checkpoints();
    }

    @POST
    @Path("checkpoints")
    @RolesAllowed({Roles.ADMIN})
    @Operation(
            operationId = "createAuditCheckpoint",
            summary = "Sign the chain's head now",
            description = "Registry administrators; the server also does"
                    + " it every registry.audit.checkpoint-minutes. Answers the newest checkpoint (the existing one when the"
                    + " head has not moved).")
    @APIResponse(
            responseCode = "201",
            description = "The checkpoint",
            content = @Content(schema = @Schema(implementation = AuditCheckpointDto.class)))
    public Response checkpoint() {
        AuditCheckpointDto dto = audit.checkpoint();
        return dto == null
                ? Response.noContent().build()
                : Response.status(201).entity(dto).build();
    }

    @GET
    @Path("archives")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Operation(
            operationId = "listAuditArchives",
            summary = "The archived months of the audit log",
            description = "Oldest first, with the archive file,"
                    + " its SHA-256, the signed manifest, when the retention period lets the partition be dropped, and"
                    + " whether it was.")
    public List<AuditArchiveDto> archives() {
        return audit.archives();
    }

    @POST
    @Path("archives")
    @RolesAllowed({Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "archiveAuditRecords",
            summary = "Archive a month of the audit log",
            description = "Registry administrators. Exports every"
                    + " record of a month that has ended to <data dir>/audit-archive/audit-YYYY-MM.jsonl.gz with a manifest"
                    + " signed by the registry's key; the records stay in the database.")
    @RequestBody(
            required = true,
            content = @Content(examples = @ExampleObject(name = "october", value = "{\"month\":\"2026-10\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Archived",
            content = @Content(schema = @Schema(implementation = AuditArchiveDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "The month's partition was dropped, or records are still" + " being linked",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Not a month that has ended",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response archive(JsonStructure body) {
        RequestJson json = RequestJson.of(Http.requireBody(body), Set.of("month"));
        String month = json.string("month");
        json.done();
        return Response.status(201).entity(audit.archive(month)).build();
    }

    @DELETE
    @Path("partitions/{month}")
    @RolesAllowed({Roles.ADMIN})
    @Operation(
            operationId = "dropAuditPartition",
            summary = "Drop an archived month's partition",
            description = "Registry administrators. Only for a"
                    + " month that is archived, whose archive file is unchanged, and whose end lies more than"
                    + " registry.audit.retention (default P10Y) ago; recorded in the audit log. Verification crosses the"
                    + " hole with the hashes kept at the drop.")
    @APIResponse(
            responseCode = "200",
            description = "Dropped",
            content = @Content(schema = @Schema(implementation = AuditArchiveDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not archived, archive changed, or within the retention period",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public AuditArchiveDto dropPartition(@PathParam("month") String month) {
        return audit.dropPartition(month);
    }
}
