package org.modelregistry.interfaces.mlflow;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import org.modelregistry.api.catalog.ArtifactContent;
import org.modelregistry.api.problem.PayloadTooLargeException;

/**
 * MLflow's artifact proxy, {@code /api/2.0/mlflow-artifacts/artifacts}: list ({@code ?path=}), download (GET of a
 * file) and upload (PUT of a file) over the registry's content store ({@link MlflowArtifacts}).
 */
@MlflowApi
@Path("2.0/mlflow-artifacts/artifacts")
public class ArtifactsResource {

    @Inject
    MlflowArtifacts artifacts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject list(@QueryParam("path") String path) {
        return artifacts.list(path);
    }

    @GET
    @Path("{path: .+}")
    @Produces(MediaType.WILDCARD)
    public Response download(@PathParam("path") String path) {
        ArtifactContent content = artifacts.download(path);
        StreamingOutput body = out -> {
            try (InputStream in = content.open()) {
                in.transferTo(out);
            }
        };
        return Response.ok(body)
                .type(MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Length", content.size())
                .header("Repr-Digest", MlflowArtifacts.reprDigest(content.sha256()))
                .header("Cache-Control", "no-store")
                .build();
    }

    @PUT
    @Path("{path: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject upload(
            @PathParam("path") String path,
            @HeaderParam("Content-Length") String length,
            @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Digest") String contentDigest,
            @HeaderParam("Repr-Digest") String reprDigest,
            InputStream content) {
        Long declared = length != null && length.matches("\\d{1,18}") ? Long.valueOf(length) : null;
        if (length != null && length.matches("\\d{19,}")) {
            throw new PayloadTooLargeException("content", Long.MAX_VALUE);
        }
        artifacts.upload(path, content, contentType, declared, contentDigest != null ? contentDigest : reprDigest);
        return JsonValue.EMPTY_JSON_OBJECT;
    }
}
