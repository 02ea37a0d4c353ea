package org.modelregistry.interfaces.rest.evaluation;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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
import org.modelregistry.api.evaluation.EvaluationRunDto;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.evaluation.StartEvaluationRequest;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/**
 * {@code /api/v1/models/{id}/versions/{version}/evaluations}: queue a run of a suite against a version, list a
 * version's runs, read one. Tagged with the versions in the OpenAPI document, where these operations always were.
 */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/models/{modelId}/versions/{version}/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Versions")
public class VersionEvaluationsResource {

    @EJB
    EvaluationService evaluations;

    @POST
    @RolesAllowed({Roles.CONTRIBUTOR, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "evaluateVersion",
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
        EvaluationRunDto run = evaluations.startRun(
                Http.id(modelId, "model"), version, StartEvaluationRequest.fromJson(Http.requireBody(body)));
        return Response.accepted(run)
                .location(uri.getAbsolutePathBuilder().path("{runId}").build(run.id()))
                .build();
    }

    @GET
    @Operation(operationId = "listVersionEvaluations", summary = "The evaluation runs of a version, oldest first")
    public List<EvaluationRunDto> evaluations(
            @PathParam("modelId") String modelId, @PathParam("version") String version) {
        return evaluations.runs(Http.id(modelId, "model"), version);
    }

    @GET
    @Path("{runId}")
    @Operation(operationId = "getVersionEvaluation", summary = "An evaluation run, its state and each check's result")
    public EvaluationRunDto evaluation(
            @PathParam("modelId") String modelId,
            @PathParam("version") String version,
            @PathParam("runId") String runId) {
        return evaluations.run(Http.id(modelId, "model"), version, Http.id(runId, "evaluation run"));
    }
}
