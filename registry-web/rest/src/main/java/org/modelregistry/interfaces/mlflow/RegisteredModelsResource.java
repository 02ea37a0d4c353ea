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
import org.modelregistry.interfaces.mlflow.MlflowRequests.Alias;
import org.modelregistry.interfaces.mlflow.MlflowRequests.CreateRegisteredModel;
import org.modelregistry.interfaces.mlflow.MlflowRequests.DeleteTag;
import org.modelregistry.interfaces.mlflow.MlflowRequests.GetLatestVersions;
import org.modelregistry.interfaces.mlflow.MlflowRequests.ModelRef;
import org.modelregistry.interfaces.mlflow.MlflowRequests.RenameRegisteredModel;
import org.modelregistry.interfaces.mlflow.MlflowRequests.Search;
import org.modelregistry.interfaces.mlflow.MlflowRequests.SetTag;
import org.modelregistry.interfaces.mlflow.MlflowRequests.UpdateRegisteredModel;

/** MLflow's {@code /api/2.0/mlflow/registered-models/*}: read the request, let {@link MlflowRegistry} do it. */
@MlflowApi
@Path("2.0/mlflow/registered-models")
@Produces(MediaType.APPLICATION_JSON)
public class RegisteredModelsResource {

    @Inject
    MlflowRegistry registry;

    @Context
    UriInfo uri;

    @POST
    @Path("create")
    public JsonObject create(String body) {
        return registry.createRegisteredModel(CreateRegisteredModel.from(body(body)));
    }

    @GET
    @Path("get")
    public JsonObject get() {
        return registry.getRegisteredModel(ModelRef.from(query()));
    }

    @PATCH
    @Path("update")
    public JsonObject update(String body) {
        return registry.updateRegisteredModel(UpdateRegisteredModel.from(body(body)));
    }

    @POST
    @Path("rename")
    public JsonObject rename(String body) {
        return registry.renameRegisteredModel(RenameRegisteredModel.from(body(body)));
    }

    @DELETE
    @Path("delete")
    public JsonObject delete(String body) {
        return registry.deleteRegisteredModel(ModelRef.from(body(body)));
    }

    @GET
    @Path("search")
    public JsonObject search() {
        return registry.searchRegisteredModels(Search.from(query(), MlflowRegistry.MAX_MODELS_PAGE));
    }

    @GET
    @Path("get-latest-versions")
    public JsonObject latestVersions() {
        return registry.getLatestVersions(GetLatestVersions.from(query()));
    }

    @POST
    @Path("get-latest-versions")
    public JsonObject latestVersions(String body) {
        return registry.getLatestVersions(GetLatestVersions.from(body(body)));
    }

    @POST
    @Path("set-tag")
    public JsonObject setTag(String body) {
        return registry.setRegisteredModelTag(SetTag.forModel(body(body)));
    }

    @DELETE
    @Path("delete-tag")
    public JsonObject deleteTag(String body) {
        return registry.deleteRegisteredModelTag(DeleteTag.forModel(body(body)));
    }

    @POST
    @Path("alias")
    public JsonObject setAlias(String body) {
        return registry.setAlias(Alias.toSet(body(body)));
    }

    @DELETE
    @Path("alias")
    public JsonObject deleteAlias(String body) {
        return registry.deleteAlias(Alias.ref(body(body)));
    }

    @GET
    @Path("alias")
    public JsonObject getByAlias() {
        return registry.getByAlias(Alias.ref(query()));
    }

    private MlflowParams body(String body) {
        return MlflowParams.of(body, uri);
    }

    private MlflowParams query() {
        return MlflowParams.of(uri);
    }
}
