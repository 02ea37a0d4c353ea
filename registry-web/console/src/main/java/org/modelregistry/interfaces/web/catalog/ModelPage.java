package org.modelregistry.interfaces.web.catalog;

import jakarta.ejb.EJB;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactService;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.VersionQuery;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.interfaces.web.Messages;
import org.modelregistry.interfaces.web.catalog.CatalogViews.ArtifactRow;
import org.modelregistry.interfaces.web.catalog.CatalogViews.ModelView;
import org.modelregistry.interfaces.web.catalog.CatalogViews.VersionRow;
import org.primefaces.event.FileUploadEvent;
import org.primefaces.model.file.UploadedFile;

/**
 * {@code model.xhtml?id=<model>[&version=<v>]}: a model's details, its versions (highest precedence first) as a
 * timeline, and the artifacts of one version (the one named, else the latest) with their downloads. Owners also get
 * the forms to register a version and to upload an artifact; whether they are owners is the service's answer
 * ({@link ModelService#getForChange}), and the services check each action again.
 */
@Named
@ViewScoped
public class ModelPage implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Versions shown on the timeline; a model with more links to the version listing of the API. */
    static final int VERSIONS_SHOWN = 50;

    static final int ARTIFACTS_SHOWN = 100;

    @EJB
    ModelService models;

    @EJB
    ModelVersionService versions;

    @EJB
    ArtifactService artifacts;

    private String id;
    private String selected;

    private ModelView model;
    private List<VersionRow> versionRows = List.of();
    private List<ArtifactRow> artifactRows = List.of();
    private boolean moreVersions;
    private boolean changeable;
    private long maxUploadBytes;

    // the version form
    private String version;
    private String description;
    private String commitSha;
    private String sourceUri;

    // the upload form: chosen before the file, which uploads as soon as it is picked
    private ArtifactType type = ArtifactType.MODEL_WEIGHTS;
    private String license;
    private String sha256;

    /** The page's viewAction: 404 for a model the caller may not see (or none), like the API. */
    public void load() {
        UUID modelId = CatalogViews.modelId(id);
        model = ModelView.of(models.get(modelId));
        var page = versions.list(modelId, new VersionQuery(null, "semver", VERSIONS_SHOWN, null));
        versionRows = page.items().stream().map(VersionRow::of).toList();
        moreVersions = page.nextCursor() != null;
        if (selected == null || versionRows.stream().noneMatch(v -> v.version().equals(selected))) {
            selected = versionRows.isEmpty() ? null : versionRows.get(0).version();
        }
        try {
            models.getForChange(modelId);
            changeable = true;
            maxUploadBytes = artifacts.maxUploadBytes();
        } catch (ForbiddenException e) {
            changeable = false; // they may look, not change: the forms are not offered
        }
        loadArtifacts();
    }

    private void loadArtifacts() {
        artifactRows = selected == null
                ? List.of()
                : artifacts.list(model.id(), selected, ARTIFACTS_SHOWN, null).items().stream()
                        .map(ArtifactRow::of)
                        .toList();
    }

    public String createVersion() {
        ModelVersionDto created = versions.create(
                model.id(),
                new CreateVersionRequest(
                        CatalogViews.blankToNull(version),
                        CatalogViews.blankToNull(commitSha),
                        null,
                        CatalogViews.blankToNull(description),
                        CatalogViews.blankToNull(sourceUri)));
        Messages.infoAfterRedirect("Version " + created.version() + " registered.");
        return "/model.xhtml?faces-redirect=true&id=" + model.id() + "&version="
                + URLEncoder.encode(created.version(), StandardCharsets.UTF_8);
    }

    /**
     * An uploaded file becomes an artifact of the selected version: registered (with the declared digest, if one was
     * typed), then its content streamed to the registry's store, hashed on the way in. A digest that differs stores
     * nothing; the artifact then stays registered without content, as through the API.
     */
    public void upload(FileUploadEvent event) throws IOException {
        UploadedFile file = event.getFile();
        String mediaType =
                file.getContentType() == null || "application/octet-stream".equalsIgnoreCase(file.getContentType())
                        ? null
                        : file.getContentType().split(";")[0].trim().toLowerCase();
        ArtifactDto created = artifacts.create(
                model.id(),
                selected,
                new CreateArtifactRequest(
                        type,
                        file.getFileName(),
                        null,
                        CatalogViews.blankToNull(sha256),
                        null,
                        CatalogViews.blankToNull(license),
                        mediaType));
        ArtifactDto stored;
        try (InputStream content = file.getInputStream()) {
            stored = artifacts.storeContent(model.id(), selected, created.id(), content, mediaType, file.getSize());
        } finally {
            file.delete();
            loadArtifacts();
        }
        sha256 = null;
        Messages.info("Uploaded " + stored.name() + " (" + stored.size() + " bytes), sha256 " + stored.sha256() + ".");
    }

    public String downloadUrl(ArtifactRow artifact) {
        return FacesContext.getCurrentInstance().getExternalContext().getRequestContextPath()
                + ArtifactDownloadServlet.path(model.id(), selected, artifact.id());
    }

    public String text(List<String> values) {
        return CatalogViews.text(values);
    }

    public ArtifactType[] getTypes() {
        return ArtifactType.values();
    }

    public ModelView getModel() {
        return model;
    }

    public List<VersionRow> getVersionRows() {
        return versionRows;
    }

    public List<ArtifactRow> getArtifactRows() {
        return artifactRows;
    }

    public boolean isMoreVersions() {
        return moreVersions;
    }

    public boolean isChangeable() {
        return changeable;
    }

    public long getMaxUploadBytes() {
        return maxUploadBytes;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSelected() {
        return selected;
    }

    public void setSelected(String selected) {
        this.selected = selected;
    }

    public String getVersion() {
        return version;
    }

    public void setVersion(String version) {
        this.version = version;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getCommitSha() {
        return commitSha;
    }

    public void setCommitSha(String commitSha) {
        this.commitSha = commitSha;
    }

    public String getSourceUri() {
        return sourceUri;
    }

    public void setSourceUri(String sourceUri) {
        this.sourceUri = sourceUri;
    }

    public ArtifactType getType() {
        return type;
    }

    public void setType(ArtifactType type) {
        this.type = type;
    }

    public String getLicense() {
        return license;
    }

    public void setLicense(String license) {
        this.license = license;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }
}
