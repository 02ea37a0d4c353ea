package org.modelregistry.interfaces.rest.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.VersionQuery;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.IdempotencyService.StoredResponse;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.common.RequestJson;
import org.modelregistry.api.evaluation.EvaluationRunDto;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.governance.ApprovalDto;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.api.governance.EvidenceService;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.api.policy.PolicyCheckDto;
import org.modelregistry.api.policy.PolicyEvaluationDto;
import org.modelregistry.api.policy.PolicyService;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.IdempotentCreate;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/models/{id}/versions}: register, list, read and edit (while DRAFT) versions. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class ModelVersionResource {

    @EJB
    ModelVersionService versions;

    @EJB
    LifecycleService lifecycle;

    @EJB
    PolicyService policies;

    @EJB
    EvaluationService evaluations;

    @EJB
    EvidenceService evidence;

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
            summary = "Register a version",
            description = "The version is a Semantic Versioning 2.0.0 string,"
                    + " unique within the model; it starts as DRAFT.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            schema = @Schema(implementation = CreateVersionRequest.class),
                            examples =
                                    @ExampleObject(
                                            name = "release",
                                            value = "{\"version\":\"1.4.0\","
                                                    + "\"commitSha\":\"3f786850e387550fdab836ed7e6dc881de23001b\","
                                                    + "\"metadata\":{\"framework\":\"xgboost\",\"auc\":0.94},"
                                                    + "\"sourceUri\":\"https://ci.example.com/runs/812\"}")))
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ModelVersionDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such model",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "The version exists",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid fields (bad semver, commit SHA...)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(
            @PathParam("modelId") String modelId,
            JsonStructure body,
            @HeaderParam(IdempotentCreate.HEADER) String idempotencyKey) {
        UUID id = Http.id(modelId, "model");
        JsonObject json = Http.requireBody(body);
        CreateVersionRequest request = CreateVersionRequest.fromJson(json);
        return idempotent.run(idempotencyKey, security, "POST", uri.getPath(), json.toString(), () -> {
            ModelVersionDto dto = versions.create(id, request);
            String location = uri.getBaseUriBuilder()
                    .path("v1/models/{id}/versions/{version}")
                    .build(id, dto.version())
                    .toString();
            return new StoredResponse(201, location, ModelResource.JSONB.toJson(dto), dto.revision(), false);
        });
    }

    @GET
    @Operation(
            summary = "List versions",
            description = "sort=created (oldest first, default) or sort=semver"
                    + " (highest precedence first); keyset-paginated.")
    @APIResponse(
            responseCode = "200",
            description = "A page of versions",
            content = @Content(schema = @Schema(implementation = Page.class)))
    public Page<ModelVersionDto> list(
            @PathParam("modelId") String modelId,
            @Parameter(schema = @Schema(implementation = VersionState.class)) @QueryParam("state") String state,
            @Parameter(schema = @Schema(enumeration = {"created", "semver"})) @QueryParam("sort") String sort,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER)) @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return versions.list(
                Http.id(modelId, "model"),
                new VersionQuery(Http.enumParam("state", state, VersionState.class), sort, Http.limit(limit), cursor));
    }

    @GET
    @Path("{version}")
    @Operation(summary = "Read a version")
    @APIResponse(
            responseCode = "200",
            description = "The version",
            content = @Content(schema = @Schema(implementation = ModelVersionDto.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such model or version",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response get(
            @PathParam("modelId") String modelId, @PathParam("version") String version, @Context Request request) {
        ModelVersionDto dto = versions.get(Http.id(modelId, "model"), version);
        return Http.tagged(request, dto, dto.revision());
    }

    @PATCH
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Path("{version}")
    @Consumes({Http.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Change a DRAFT version (JSON Merge Patch)",
            description = "metadata is merged recursively; a version that left DRAFT is frozen (409).")
    @APIResponse(
            responseCode = "200",
            description = "The changed version",
            content = @Content(schema = @Schema(implementation = ModelVersionDto.class)))
    @APIResponse(responseCode = "409", description = "Not a DRAFT", content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "412",
            description = "Stale If-Match",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response patch(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            JsonStructure patch,
            @HeaderParam("If-Match") String ifMatch) {
        ModelVersionDto dto =
                versions.patch(Http.id(modelId, "model"), version, Http.requireBody(patch), Http.ifMatch(ifMatch));
        return Response.ok(dto).tag(Http.etag(dto.revision())).build();
    }

    @POST
    @Path("{version}/transitions")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Move a version",
            description = "Owners submit (IN_REVIEW), withdraw or return to DRAFT,"
                    + " deprecate and retire; any other move is 409 with the allowed moves. The policies that gate the"
                    + " move are evaluated first: a failing BLOCKING policy is 422 policy-violation. {\"to\": \"APPROVED\"}"
                    + " moves a version on whose approvals sufficed but whom policies held in review.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "submit",
                                            value = "{\"to\":\"IN_REVIEW\",\"comment\":\"ready for review\"}")))
    @APIResponse(responseCode = "200", description = "The version in its new state")
    @APIResponse(
            responseCode = "409",
            description = "Not allowed from the current state (allowedTransitions)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Blocked by policy (policy-violation, listing each failing" + " policy and its message)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public ModelVersionDto transition(
            @PathParam("modelId") String modelId, @PathParam("version") String version, JsonStructure body) {
        RequestJson json = RequestJson.of(Http.requireBody(body), Set.of("to", "comment"));
        VersionState to = json.enumValue("to", VersionState.class);
        String comment = json.string("comment");
        json.done();
        return lifecycle.transition(Http.id(modelId, "model"), version, to, comment);
    }

    @POST
    @Path("{version}/evaluations")
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Evaluate a version",
            description = "Queues a run of an evaluation suite with the metrics"
                    + " reported for the version; 202 with the run's Location. The run goes QUEUED -> RUNNING -> PASSED,"
                    + " FAILED or ERROR on a worker after the request; GET the run for its progress and each check.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "run",
                                            value =
                                                    "{\"suite\":\"release-gate\",\"metrics\":{\"accuracy\":0.93,\"f1\":0.88},"
                                                            + "\"dataset\":\"s3://eval/holdout-2026-11\"}")))
    @APIResponse(
            responseCode = "202",
            description = "Queued",
            content = @Content(schema = @Schema(implementation = EvaluationRunDto.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown suite or bad metrics",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response evaluate(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            JsonStructure body,
            @Context UriInfo uri) {
        EvaluationRunDto run = evaluations.startRun(Http.id(modelId, "model"), version, Http.requireBody(body));
        return Response.accepted(run)
                .location(uri.getAbsolutePathBuilder().path("{runId}").build(run.id()))
                .build();
    }

    @GET
    @Path("{version}/evaluations")
    @Operation(summary = "The evaluation runs of a version, oldest first")
    public List<EvaluationRunDto> evaluations(
            @PathParam("modelId") String modelId, @PathParam("version") String version) {
        return evaluations.runs(Http.id(modelId, "model"), version);
    }

    @GET
    @Path("{version}/evaluations/{runId}")
    @Operation(summary = "An evaluation run, its state and each check's result")
    public EvaluationRunDto evaluation(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            @PathParam("runId") String runId) {
        return evaluations.run(Http.id(modelId, "model"), version, Http.id(runId, "evaluation run"));
    }

    @POST
    @Path("{version}/policy-check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Dry-run the policies of a move",
            description = "Evaluates every policy that would gate"
                    + " moving the version to the target state (and environment, for DEPLOYED) and reports each verdict,"
                    + " changing and storing nothing.")
    @RequestBody(
            required = true,
            content = @Content(examples = @ExampleObject(name = "approve", value = "{\"to\":\"APPROVED\"}")))
    @APIResponse(
            responseCode = "200",
            description = "The verdicts; allowed is false when a BLOCKING policy fails",
            content = @Content(schema = @Schema(implementation = PolicyCheckDto.class)))
    @APIResponse(
            responseCode = "422",
            description = "Unknown state",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public PolicyCheckDto policyCheck(
            @PathParam("modelId") String modelId, @PathParam("version") String version, JsonStructure body) {
        RequestJson json = RequestJson.of(Http.requireBody(body), Set.of("to", "environment"));
        VersionState to = json.enumValue("to", VersionState.class);
        String environment = json.string("environment");
        json.done();
        return policies.check(Http.id(modelId, "model"), version, to, environment);
    }

    @GET
    @Path("{version}/policy-evaluations")
    @Operation(
            summary = "The stored policy evaluations of a version",
            description =
                    "One row per policy per"
                            + " attempted move, blocked attempts included, with the policy version and the digest of the input.")
    public List<PolicyEvaluationDto> policyEvaluations(
            @PathParam("modelId") String modelId, @PathParam("version") String version) {
        return policies.evaluations(Http.id(modelId, "model"), version);
    }

    @POST
    @Path("{version}/approvals")
    @RolesAllowed({Roles.REVIEWER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Decide on a version in review",
            description = "By a REVIEWER who is neither an owner nor"
                    + " the submitter; the risk tier sets how many distinct approvals approve it (LOW 1, MEDIUM 1, HIGH 2,"
                    + " CRITICAL 3). REQUEST_CHANGES and REJECT take effect at once.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "approve",
                                            value =
                                                    "{\"decision\":\"APPROVE\",\"comment\":\"evaluation results reviewed\"}")))
    @APIResponse(responseCode = "201", description = "The decision")
    @APIResponse(
            responseCode = "403",
            description = "Not a reviewer, or an owner or the submitter",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "409",
            description = "Not in review, or already decided this round",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response decide(
            @PathParam("modelId") String modelId, @PathParam("version") String version, JsonStructure body) {
        RequestJson json = RequestJson.of(Http.requireBody(body), Set.of("decision", "comment"));
        Decision decision = json.enumValue("decision", Decision.class);
        String comment = json.string("comment");
        json.done();
        return Response.status(201)
                .entity(lifecycle.decide(Http.id(modelId, "model"), version, decision, comment))
                .build();
    }

    @GET
    @Path("{version}/approvals")
    @RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(summary = "The decisions on a version, every review round")
    public List<ApprovalDto> approvals(@PathParam("modelId") String modelId, @PathParam("version") String version) {
        return lifecycle.approvals(Http.id(modelId, "model"), version);
    }

    @GET
    @Path("{version}/evidence")
    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @Produces("application/zip")
    @Operation(
            summary = "Export the evidence bundle of a version",
            description = "A zip of the model, version,"
                    + " artifacts, approvals and audit trail, with manifest.json (SHA-256 of every file) and manifest.jws"
                    + " (that manifest signed by the registry's key; verify it with /api/v1/auth/jwks). docs/evidence.md"
                    + " shows an offline check.")
    @APIResponse(responseCode = "200", description = "The bundle")
    public Response evidence(@PathParam("modelId") String modelId, @PathParam("version") String version) {
        byte[] zip = evidence.bundle(Http.id(modelId, "model"), version);
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"evidence-" + version + ".zip\"")
                .build();
    }
}
