package org.modelregistry.application.catalog;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.VersionQuery;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.Cursor;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.audit.AuditDiff;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.ModelView;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.MergePatch;
import org.modelregistry.domain.shared.Revisions;
import org.modelregistry.infrastructure.config.ApiSettings;

/** Versions of a model: registration, reads, listings by creation or precedence, and DRAFT edits. */
@Stateless
@Local(ModelVersionService.class)
public class ModelVersionServiceBean implements ModelVersionService {

    private static final Set<String> READ_ONLY =
            Set.of("id", "modelId", "version", "state", "createdAt", "createdBy", "updatedAt", "updatedBy", "revision");

    private static final Pattern METADATA_KEY = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");

    @Inject
    ModelRepository models;

    @Inject
    AuditTrail audit;

    @Inject
    ApiSettings settings;

    @Inject
    ModelAccess access;

    @Inject
    CurrentCaller caller;

    @Override
    public ModelVersionDto create(UUID modelId, CreateVersionRequest request) {
        if (request == null) {
            throw new BadRequestException("body", "a JSON object describing the version is required");
        }
        String actor = actor();
        ModelView model = access.editableView(modelId);
        ModelVersion version = ModelVersion.register(modelId, request, actor);
        if (!models.addVersion(version)) {
            throw new ConflictException(
                    "Model " + model.model().group() + "/" + model.model().name() + " already has version "
                            + version.getVersion(),
                    "version");
        }
        audit.record(
                actor,
                "version.created",
                "model_version",
                version.getId(),
                model.organizationId(),
                Json.createObjectBuilder()
                        .add("modelId", modelId.toString())
                        .add("version", version.getVersion())
                        .build());
        return CatalogMapper.toDto(version);
    }

    @Override
    public ModelVersionDto get(UUID modelId, String version) {
        access.visibleDto(modelId);
        return access.versionDto(modelId, version);
    }

    @Override
    public Page<ModelVersionDto> list(UUID modelId, VersionQuery q) {
        VersionQuery query = q == null ? new VersionQuery(null, null, null, null) : q;
        access.visible(modelId);
        String sort = query.sort() == null ? "created" : query.sort().toLowerCase(Locale.ROOT);
        if (!sort.equals("created") && !sort.equals("semver")) {
            throw new InvalidInputException("sort", "must be 'created' or 'semver'");
        }
        boolean bySemver = sort.equals("semver");
        int limit = Cursor.limit(query.limit(), settings.defaultPageSize(), settings.maxPageSize());
        String kind = "versions-" + sort;
        List<String> after = Cursor.decode(kind, query.cursor(), 2);
        List<ModelVersion> page = models.listVersions(
                modelId,
                query.state(),
                bySemver,
                after == null ? null : after.get(0),
                after == null ? null : Cursor.uuid(after.get(1)),
                limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            ModelVersion last = page.get(limit - 1);
            next = Cursor.encode(kind, last.getVersionKey(), last.getId().toString());
        }
        return new Page<>(page.stream().map(CatalogMapper::toDto).toList(), next);
    }

    @Override
    public List<ModelVersionDto> findByMetadata(List<String> path, String value, int limit) {
        FieldErrors errors = new FieldErrors();
        errors.check(
                path != null
                        && !path.isEmpty()
                        && path.size() <= 8
                        && path.stream().allMatch(METADATA_KEY.asPredicate()),
                "path",
                "must be 1 to 8 keys of letters, digits, _ or -");
        errors.check(value != null && value.length() <= 1024, "value", "is required, at most 1024 characters");
        errors.check(limit >= 1 && limit <= 1000, "limit", "must be 1 to 1000");
        errors.throwIfAny();
        return models.findVersionsByMetadata(caller.get().visibleOrganizations(), path, value, limit).stream()
                .map(CatalogMapper::toDto)
                .toList();
    }

    @Override
    public ModelVersionDto patch(UUID modelId, String version, JsonObject mergePatch, Long expectedRevision) {
        String actor = actor();
        Model model = access.editable(modelId);
        ModelVersion v = access.version(modelId, version);
        Revisions.check(expectedRevision, v.getRowVersion());
        v.requireDraft("its metadata");
        JsonObject current = JsonText.toObject(v.editableValues());
        JsonObject patched = MergePatch.apply(current, mergePatch, READ_ONLY);
        v.revise(CreateVersionRequest.fromJson(patched), actor);
        models.flush();
        audit.record(
                actor,
                "version.updated",
                "model_version",
                v.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("patch", mergePatch)
                        .add("changes", AuditDiff.changes(current, JsonText.toObject(v.editableValues())))
                        .build());
        return CatalogMapper.toDto(v);
    }

    private String actor() {
        return caller.get().username();
    }
}
