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
import org.modelregistry.api.evaluation.CreateSuiteRequest;
import org.modelregistry.api.evaluation.EvaluationService;
import org.modelregistry.api.evaluation.EvaluationSuiteDto;
import org.modelregistry.interfaces.rest.Http;
import org.modelregistry.interfaces.rest.Problems;
import org.modelregistry.interfaces.rest.Roles;

/** {@code /api/v1/evaluation-suites}: named sets of checks that evaluation runs apply to versions. */
@RolesAllowed({Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN})
@Path("/v1/evaluation-suites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Evaluations")
public class EvaluationSuiteResource {

    @EJB
    EvaluationService evaluations;

    @Context
    UriInfo uri;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.REVIEWER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createEvaluationSuite",
            summary = "Define an evaluation suite",
            description = "checks: INTEGRITY (stored content re-read and"
                    + " re-hashed), METRIC_THRESHOLD (expression: CEL over metrics), MODEL_CARD (sections the card must have),"
                    + " LICENSE (allow: SPDX ids).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "release",
                                            value =
                                                    "{\"name\":"
                                                            + "\"release-gate\",\"checks\":[{\"name\":\"integrity\",\"kind\":\"INTEGRITY\"},{\"name\":\"quality\","
                                                            + "\"kind\":\"METRIC_THRESHOLD\",\"expression\":\"metrics.accuracy >= 0.9 && metrics.f1 >= 0.85\"},"
                                                            + "{\"name\":\"card\",\"kind\":\"MODEL_CARD\",\"sections\":[\"intended use\",\"limitations\"]},"
                                                            + "{\"name\":\"licences\",\"kind\":\"LICENSE\",\"allow\":[\"Apache-2.0\",\"MIT\"]}]}")))
    @APIResponse(
            responseCode = "201",
            description = "Defined",
            content = @Content(schema = @Schema(implementation = EvaluationSuiteDto.class)))
    @APIResponse(
            responseCode = "409",
            description = "The name is taken",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    @APIResponse(
            responseCode = "422",
            description = "Invalid checks (an expression with its line and column)",
            content = @Content(mediaType = Problems.MEDIA_TYPE))
    public Response create(JsonStructure body) {
        EvaluationSuiteDto dto = evaluations.createSuite(CreateSuiteRequest.fromJson(Http.requireBody(body)));
        return Response.created(uri.getBaseUriBuilder()
                        .path("v1/evaluation-suites/{id}")
                        .build(dto.id()))
                .entity(dto)
                .build();
    }

    @GET
    @Operation(operationId = "listEvaluationSuites", summary = "List evaluation suites")
    public List<EvaluationSuiteDto> list() {
        return evaluations.suites();
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getEvaluationSuite", summary = "Read an evaluation suite")
    public EvaluationSuiteDto get(@PathParam("id") String id) {
        return evaluations.suite(Http.id(id, "evaluation suite"));
    }
}
