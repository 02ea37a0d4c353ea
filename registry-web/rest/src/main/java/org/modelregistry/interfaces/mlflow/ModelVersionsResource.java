package org.modelregistry.interfaces.mlflow;

import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.modelregistry.interfaces.mlflow.MlflowRequests.CreateModelVersion;
import org.modelregistry.interfaces.mlflow.MlflowRequests.DeleteTag;
import org.modelregistry.interfaces.mlflow.MlflowRequests.Search;
import org.modelregistry.interfaces.mlflow.MlflowRequests.SetTag;
import org.modelregistry.interfaces.mlflow.MlflowRequests.TransitionStage;
import org.modelregistry.interfaces.mlflow.MlflowRequests.UpdateModelVersion;
import org.modelregistry.interfaces.mlflow.MlflowRequests.VersionRef;

/** MLflow's {@code /api/2.0/mlflow/model-versions/*}: read the request, let {@link MlflowRegistry} do it. */
@MlflowApi
@Path("2.0/mlflow/model-versions")
@Produces(MediaType.APPLICATION_JSON)
public class ModelVersionsResource {

    @Inject
    MlflowRegistry registry;

    @Context
    UriInfo uri;

    @POST
    @Path("create")
    public JsonObject create(String body) {
        return registry.createModelVersion(CreateModelVersion.from(body(body)));
    }

    @GET
    @Path("get")
    public JsonObject get() {
        return registry.getModelVersion(VersionRef.from(query()));
    }

    @PATCH
    @Path("update")
    public JsonObject update(String body) {
        return registry.updateModelVersion(UpdateModelVersion.from(body(body)));
    }

    @DELETE
    @Path("delete")
    public JsonObject delete(String body) {
        return registry.deleteModelVersion(VersionRef.from(body(body)));
    }

    @GET
    @Path("search")
    public JsonObject search() {
        return registry.searchModelVersions(Search.from(query(), MlflowRegistry.MAX_VERSIONS_PAGE));
    }

    @GET
    @Path("get-download-uri")
    public JsonObject downloadUri() {
        return registry.getDownloadUri(VersionRef.from(query()));
    }

    @POST
    @Path("set-tag")
    public JsonObject setTag(String body) {
        return registry.setModelVersionTag(SetTag.forVersion(body(body)));
    }

    @DELETE
    @Path("delete-tag")
    public JsonObject deleteTag(String body) {
        return registry.deleteModelVersionTag(DeleteTag.forVersion(body(body)));
    }

    @POST
    @Path("transition-stage")
    public JsonObject transitionStage(String body) {
        return registry.transitionStage(TransitionStage.from(body(body)));
    }

    private MlflowParams body(String body) {
        return MlflowParams.of(body, uri);
    }

    private MlflowParams query() {
        return MlflowParams.of(uri);
    }
}
