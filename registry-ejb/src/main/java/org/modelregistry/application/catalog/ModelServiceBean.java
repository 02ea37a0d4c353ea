package org.modelregistry.application.catalog;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.catalog.CatalogQuery;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelQuery;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.Cursor;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.domain.audit.AuditDiff;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelRepository.CatalogPosition;
import org.modelregistry.domain.catalog.ModelRepository.ModelFilter;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.catalog.OwnerDirectory;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.MergePatch;
import org.modelregistry.domain.shared.Revisions;
import org.modelregistry.infrastructure.config.ApiSettings;

/** Models: each call is one transaction, audited, and fails without writing anything. */
@Stateless
@Local(ModelService.class)
public class ModelServiceBean implements ModelService {

    private static final Set<String> READ_ONLY =
            Set.of("id", "organization", "createdAt", "createdBy", "updatedAt", "updatedBy", "revision");

    @Inject
    ModelRepository models;

    @Inject
    AuditTrail audit;

    @Inject
    ApiSettings settings;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelAccess access;

    @Inject
    OwnerDirectory owners;

    @Override
    public ModelDto create(CreateModelRequest request) {
        if (request == null) {
            throw new BadRequestException("body", "a JSON object describing the model is required");
        }
        String actor = actor();
        Organization org = organizationFor(request.organization());
        Model model = Model.register(org.getId(), request, actor, owners);
        requireUniqueName(org.getId(), model.getGroup(), model.getName());
        models.add(model);
        models.flush();
        audit.record(
                actor,
                "model.created",
                "model",
                model.getId(),
                org.getId(),
                Json.createObjectBuilder()
                        .add("group", model.getGroup())
                        .add("name", model.getName())
                        .add("riskTier", model.getRiskTier().name())
                        .build());
        return CatalogMapper.toDto(model, org.getSlug());
    }

    @Override
    public ModelDto get(UUID id) {
        return access.visibleDto(id);
    }

    /**
     * The organization a new model goes to: the one named, which the caller must be able to register models in, or,
     * when none is named, the only one where the caller may (a registry administrator's default is "default").
     */
    private Organization organizationFor(String slug) {
        Caller who = caller.get();
        if (slug == null) {
            List<UUID> candidates = who.roles().entrySet().stream()
                    .filter(e -> e.getValue().contains(Role.CONTRIBUTOR)
                            || e.getValue().contains(Role.ADMIN))
                    .map(Map.Entry::getKey)
                    .toList();
            if (candidates.size() == 1) {
                return models.organization(candidates.get(0)).orElseThrow();
            }
            if (candidates.isEmpty() && who.registryAdmin()) {
                return models.defaultOrganization();
            }
            throw new InvalidInputException(
                    "organization",
                    candidates.isEmpty()
                            ? "you may not register models in any organization"
                            : "is required: you may register models in several organizations");
        }
        Organization org = models.organization(slug).orElseThrow(() -> new NotFoundException("organization", slug));
        who.requireContributor(org.getId(), slug);
        return org;
    }

    @Override
    public Page<ModelDto> list(ModelQuery q) {
        ModelQuery query = q == null ? new ModelQuery(null, null, null, null, null, null, null) : q;
        FieldErrors errors = new FieldErrors();
        if (query.group() != null) {
            CatalogRules.dnsLabel(errors, "group", query.group());
        }
        if (query.name() != null) {
            CatalogRules.dnsLabel(errors, "name", query.name());
        }
        tagAndOwnerFilters(errors, query.tag(), query.owner());
        errors.throwIfAny();
        int limit = Cursor.limit(query.limit(), settings.defaultPageSize(), settings.maxPageSize());
        List<String> after = Cursor.decode("models", query.cursor(), 1);
        List<Model> page = models.listModels(
                caller.get().visibleOrganizations(),
                new ModelFilter(query.group(), query.name(), query.riskTier(), query.tag(), query.owner()),
                after == null ? null : Cursor.uuid(after.get(0)),
                limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            next = Cursor.encode("models", page.get(limit - 1).getId().toString());
        }
        Map<UUID, String> slugs = new HashMap<>();
        return new Page<>(
                page.stream()
                        .map(m -> CatalogMapper.toDto(
                                m,
                                slugs.computeIfAbsent(
                                        m.getOrganizationId(),
                                        o -> models.organization(o)
                                                .map(Organization::getSlug)
                                                .orElse(null))))
                        .toList(),
                next);
    }

    /** The tag and owner a listing filters by, when given, are shaped like a tag and a principal. */
    private static void tagAndOwnerFilters(FieldErrors errors, String tag, String owner) {
        errors.check(
                tag == null || CatalogRules.TAG.matcher(tag).matches(),
                "tag",
                "must be a tag: lower-case letters, digits and . _ : / = -");
        errors.check(
                owner == null || CatalogRules.PRINCIPAL.matcher(owner).matches(),
                "owner",
                "must be a user or service account name (letters, digits, . _ @ + -) or sso:<host>/<subject>");
    }

    @Override
    public Page<ModelSummaryDto> catalog(CatalogQuery q) {
        CatalogQuery query = q == null ? new CatalogQuery(null, null, null, null, null, null, false, null, null) : q;
        FieldErrors errors = new FieldErrors();
        errors.check(query.text() == null || query.text().length() <= 128, "text", "must be at most 128 characters");
        tagAndOwnerFilters(errors, query.tag(), query.owner());
        errors.throwIfAny();
        int limit = Cursor.limit(query.limit(), settings.defaultPageSize(), settings.maxPageSize());
        // the cursor names its order, so a cursor of another order (or direction) is refused, not misread
        String kind = "catalog:" + (query.sort() == null ? "NAME" : query.sort().name())
                + (query.descending() ? ":desc" : ":asc");
        List<String> after = Cursor.decode(kind, query.cursor(), 2);
        // group and name are lower-case DNS labels: the search text matches them case-insensitively
        String text = query.text() == null || query.text().isBlank()
                ? null
                : query.text().trim().toLowerCase(Locale.ROOT);
        CatalogQuery normalized = new CatalogQuery(
                text,
                query.riskTier(),
                query.tag(),
                query.owner(),
                query.latestState(),
                query.sort(),
                query.descending(),
                limit,
                null);
        List<ModelSummaryDto> page = models.catalog(
                caller.get().visibleOrganizations(),
                normalized,
                after == null ? null : new CatalogPosition(after.get(0), Cursor.uuid(after.get(1))),
                limit + 1);
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            ModelSummaryDto last = page.get(limit - 1);
            next = Cursor.encode(
                    kind,
                    ModelRepository.catalogKey(normalized, last),
                    last.id().toString());
        }
        return new Page<>(List.copyOf(page), next);
    }

    @Override
    public ModelDto getForChange(UUID id) {
        Model model = access.editable(id);
        return CatalogMapper.toDto(model, slug(model));
    }

    @Override
    public ModelDto patch(UUID id, JsonObject mergePatch, Long expectedRevision) {
        String actor = actor();
        Model model = access.editable(id);
        Revisions.check(expectedRevision, model.getRowVersion());
        JsonObject current = JsonText.toObject(model.editableValues());
        JsonObject patched = MergePatch.apply(current, mergePatch, READ_ONLY);
        CreateModelRequest values = CreateModelRequest.fromJson(patched);
        boolean renamed =
                !model.getGroup().equals(values.group()) || !model.getName().equals(values.name());
        if (renamed && values.group() != null && values.name() != null) {
            requireUniqueName(model.getOrganizationId(), values.group(), values.name());
        }
        String inReview = models.listVersions(id, VersionState.IN_REVIEW, false, null, null, 1).stream()
                .map(v -> v.getVersion())
                .findFirst()
                .orElse(null);
        model.revise(values, actor, inReview, owners);
        models.flush();
        audit.record(
                actor,
                "model.updated",
                "model",
                model.getId(),
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("patch", mergePatch)
                        .add("changes", AuditDiff.changes(current, JsonText.toObject(model.editableValues())))
                        .build());
        return CatalogMapper.toDto(model, slug(model));
    }

    @Override
    public void delete(UUID id, Long expectedRevision) {
        String actor = actor();
        Model model = access.editable(id);
        Revisions.check(expectedRevision, model.getRowVersion());
        long versions = models.countVersions(id);
        if (versions > 0) {
            throw new ConflictException(
                    "Model " + model.getGroup() + "/" + model.getName() + " has " + versions
                            + " version(s); only a model without versions can be deleted",
                    "versions");
        }
        models.remove(model);
        models.flush();
        audit.record(
                actor,
                "model.deleted",
                "model",
                id,
                model.getOrganizationId(),
                Json.createObjectBuilder()
                        .add("group", model.getGroup())
                        .add("name", model.getName())
                        .build());
    }

    private void requireUniqueName(UUID organizationId, String group, String name) {
        if (models.findModel(organizationId, group, name).isPresent()) {
            throw new ConflictException(
                    "A model named " + group + "/" + name + " already exists",
                    List.of(new FieldError("name", "already exists in group " + group)));
        }
    }

    private String slug(Model model) {
        return access.slug(model);
    }

    private String actor() {
        return caller.get().username();
    }
}
