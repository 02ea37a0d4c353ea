package org.modelregistry.interfaces.mlflow;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.AliasService;
import org.modelregistry.api.governance.LifecycleService;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.interfaces.mlflow.MlflowCatalog.Model;
import org.modelregistry.interfaces.mlflow.MlflowRequests.Alias;
import org.modelregistry.interfaces.mlflow.MlflowRequests.CreateModelVersion;
import org.modelregistry.interfaces.mlflow.MlflowRequests.CreateRegisteredModel;
import org.modelregistry.interfaces.mlflow.MlflowRequests.DeleteTag;
import org.modelregistry.interfaces.mlflow.MlflowRequests.GetLatestVersions;
import org.modelregistry.interfaces.mlflow.MlflowRequests.ModelRef;
import org.modelregistry.interfaces.mlflow.MlflowRequests.RenameRegisteredModel;
import org.modelregistry.interfaces.mlflow.MlflowRequests.Search;
import org.modelregistry.interfaces.mlflow.MlflowRequests.SetTag;
import org.modelregistry.interfaces.mlflow.MlflowRequests.TransitionStage;
import org.modelregistry.interfaces.mlflow.MlflowRequests.UpdateModelVersion;
import org.modelregistry.interfaces.mlflow.MlflowRequests.UpdateRegisteredModel;
import org.modelregistry.interfaces.mlflow.MlflowRequests.VersionRef;

/**
 * MLflow's Model Registry operations, each carried out by the registry's services: model and version changes by the
 * catalog (as the caller, with their rights, audited), stage transitions by aliases and the lifecycle (with their
 * approvals and policies). Answers are MLflow's response objects.
 */
@RequestScoped
public class MlflowRegistry {

    static final long MAX_MODELS_PAGE = 1000;
    static final long MAX_VERSIONS_PAGE = 10_000;
    private static final int MAX_TAG_KEY = 250;
    private static final int MAX_TAG_VALUE = 5000;
    private static final int CREATE_ATTEMPTS = 5;

    @Inject
    MlflowCatalog catalog;

    @Inject
    PageTokens tokens;

    @EJB
    ModelService models;

    @EJB
    ModelVersionService versions;

    @EJB
    AliasService aliases;

    @EJB
    LifecycleService lifecycle;

    // ---- registered models

    public JsonObject createRegisteredModel(CreateRegisteredModel r) {
        r.tags().forEach(MlflowRegistry::checkTag);
        ModelDto created = catalog.create(r.name(), r.tags(), r.description());
        return wrap("registered_model", catalog.registeredModelJson(new Model(created, List.of(), List.of())));
    }

    public JsonObject getRegisteredModel(ModelRef r) {
        return wrap("registered_model", catalog.registeredModelJson(catalog.load(catalog.model(r.name()))));
    }

    public JsonObject updateRegisteredModel(UpdateRegisteredModel r) {
        ModelDto model = catalog.model(r.name());
        if (r.description() != null) {
            model = models.patch(
                    model.id(),
                    Json.createObjectBuilder()
                            .add("description", r.description())
                            .build(),
                    null);
        }
        return wrap("registered_model", catalog.registeredModelJson(catalog.load(model)));
    }

    public JsonObject renameRegisteredModel(RenameRegisteredModel r) {
        ModelDto model = catalog.model(r.name());
        MlflowNames.ModelName to = MlflowNames.parse(r.newName(), catalog.defaultGroup());
        try {
            model = models.patch(
                    model.id(),
                    Json.createObjectBuilder()
                            .add("group", to.group())
                            .add("name", to.name())
                            .build(),
                    null);
        } catch (ConflictException e) {
            if (catalog.find(to.group(), to.name()).isPresent()) {
                throw new MlflowException(
                        MlflowException.RESOURCE_ALREADY_EXISTS,
                        400,
                        "Registered Model (name=" + Shown.of(r.newName()) + ") already exists");
            }
            throw e;
        }
        return wrap("registered_model", catalog.registeredModelJson(catalog.load(model)));
    }

    /** Deletes a model without versions; the registry refuses one with versions (INVALID_STATE, its reason). */
    public JsonObject deleteRegisteredModel(ModelRef r) {
        models.delete(catalog.model(r.name()).id(), null);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    public JsonObject searchRegisteredModels(Search s) {
        MlflowFilter filter = MlflowFilter.parse(s.filter(), Set.of("name"));
        List<Ordering> order = Ordering.parse(
                s.orderBy(),
                Map.of(
                        "name", "name",
                        "timestamp", "last_updated_timestamp",
                        "last_updated_timestamp", "last_updated_timestamp"));
        int offset = tokens.offset(s.pageToken(), "registered-models", s.filter(), s.orderBy());
        List<ModelDto> candidates;
        String exact = filter.equalTo("name");
        if (exact != null) {
            candidates = exactModel(exact);
        } else {
            candidates = catalog.allModels(registryTagFilter(filter));
        }
        List<Model> matching = new ArrayList<>();
        for (ModelDto m : candidates) {
            Map<String, String> tags = MlflowCatalog.mlflowTags(m.tags());
            String name = catalog.nameOf(m);
            if (filter.test(key -> key.equals("name") ? name : tags.get(key.substring("tags.".length())))) {
                matching.add(new Model(m, null, null));
            }
        }
        Map<UUID, Model> loaded = new HashMap<>();
        Function<Model, Model> full = m -> loaded.computeIfAbsent(m.model().id(), id -> catalog.load(m.model()));
        Comparator<Model> comparator = comparator(
                order,
                Map.of(
                        "name", m -> catalog.nameOf(m.model()),
                        "last_updated_timestamp",
                                m -> {
                                    Model f = full.apply(m);
                                    return MlflowCatalog.lastUpdated(f.model(), f.versions());
                                }));
        matching.sort(comparator.thenComparing(m -> catalog.nameOf(m.model())));
        int max = s.maxResults() == null ? 100 : s.maxResults().intValue();
        JsonArrayBuilder page = Json.createArrayBuilder();
        int end = Math.min(matching.size(), offset + max);
        for (int i = offset; i < end; i++) {
            page.add(catalog.registeredModelJson(full.apply(matching.get(i))));
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("registered_models", page);
        if (end < matching.size()) {
            answer.add("next_page_token", tokens.issue("registered-models", s.filter(), s.orderBy(), end));
        }
        return answer.build();
    }

    private List<ModelDto> exactModel(String mlflowName) {
        try {
            return List.of(catalog.model(mlflowName));
        } catch (MlflowException e) {
            return List.of(); // a name that is no model's (or no registry name at all) matches nothing
        }
    }

    /** A {@code tags.<key> = '<value>'} clause as the registry's tag, so the catalog narrows the scan. */
    private static String registryTagFilter(MlflowFilter filter) {
        for (MlflowFilter.Clause c : filter.clauses()) {
            if (c.tagKey() != null && c.op().equals("=") && c.tagKey().indexOf('=') < 0) {
                String tag = MlflowCatalog.registryTag(c.tagKey(), c.values().get(0));
                return tag.matches("^[a-z0-9][a-z0-9._:/=-]{0,62}$") ? tag : null;
            }
        }
        return null;
    }

    public JsonObject getLatestVersions(GetLatestVersions r) {
        Model m = catalog.load(catalog.model(r.name()));
        List<String> stages = r.stages().isEmpty()
                ? MlflowCatalog.STAGES
                : r.stages().stream().map(MlflowCatalog::canonicalStage).toList();
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (ModelVersionDto v : MlflowCatalog.latest(m.versions(), m.aliases(), stages)) {
            out.add(catalog.versionJson(m.model(), v, m.aliases()));
        }
        return Json.createObjectBuilder().add("model_versions", out).build();
    }

    public JsonObject setRegisteredModelTag(SetTag r) {
        checkTag(r.key(), r.value());
        ModelDto model = catalog.model(r.name());
        Map<String, String> tags = MlflowCatalog.mlflowTags(model.tags());
        tags.put(r.key(), r.value());
        patchTags(model, tags);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    public JsonObject deleteRegisteredModelTag(DeleteTag r) {
        ModelDto model = catalog.model(r.name());
        Map<String, String> tags = MlflowCatalog.mlflowTags(model.tags());
        if (tags.remove(r.key()) == null) {
            throw MlflowException.notFound(
                    "Registered model " + catalog.nameOf(model) + " has no tag with key " + Shown.of(r.key()));
        }
        patchTags(model, tags);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    private void patchTags(ModelDto model, Map<String, String> tags) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        MlflowCatalog.registryTags(tags).forEach(list::add);
        models.patch(model.id(), Json.createObjectBuilder().add("tags", list).build(), null);
    }

    public JsonObject setAlias(Alias r) {
        ModelDto model = catalog.model(r.name());
        aliases.move(model.id(), r.alias(), MlflowNames.registryVersion(r.version()));
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    public JsonObject deleteAlias(Alias r) {
        aliases.remove(catalog.model(r.name()).id(), r.alias());
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    public JsonObject getByAlias(Alias r) {
        ModelDto model = catalog.model(r.name());
        AliasDto alias;
        try {
            alias = aliases.get(model.id(), r.alias(), null);
        } catch (NotFoundException e) {
            throw MlflowException.notFound("Registered model alias " + Shown.of(r.alias()) + " not found");
        }
        ModelVersionDto v = versions.get(model.id(), alias.version());
        return wrap("model_version", catalog.versionJson(model, v, aliases.list(model.id())));
    }

    // ---- model versions

    /**
     * Registers the next version ({@code N.0.0}, N one above the highest) as a DRAFT, with MLflow's run, run link and
     * tags in its metadata; a version registered concurrently under the same number makes it take the next one.
     */
    public JsonObject createModelVersion(CreateModelVersion r) {
        r.tags().forEach(MlflowRegistry::checkTag);
        checkLength("run_id", r.runId(), 256);
        checkLength("run_link", r.runLink(), 2048);
        ModelDto model = catalog.model(r.name());
        JsonObjectBuilder tags = Json.createObjectBuilder();
        r.tags().forEach(tags::add);
        JsonObjectBuilder mlflow = Json.createObjectBuilder().add("tags", tags);
        if (r.runId() != null) {
            mlflow.add("run_id", r.runId());
        }
        if (r.runLink() != null) {
            mlflow.add("run_link", r.runLink());
        }
        JsonObject metadata =
                Json.createObjectBuilder().add(MlflowCatalog.META, mlflow).build();
        for (int attempt = 1; ; attempt++) {
            long next = catalog.versionsOf(model.id()).stream()
                            .mapToLong(v -> MlflowNames.major(v.version()))
                            .max()
                            .orElse(0)
                    + 1;
            try {
                ModelVersionDto created = versions.create(
                        model.id(),
                        new CreateVersionRequest(next + ".0.0", null, metadata, r.description(), r.source()));
                return wrap("model_version", catalog.versionJson(model, created, List.of()));
            } catch (ConflictException e) {
                if (attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    public JsonObject getModelVersion(VersionRef r) {
        ModelDto model = catalog.model(r.name());
        ModelVersionDto v = catalog.version(model, r.version());
        return wrap("model_version", catalog.versionJson(model, v, aliases.list(model.id())));
    }

    public JsonObject updateModelVersion(UpdateModelVersion r) {
        ModelDto model = catalog.model(r.name());
        ModelVersionDto v = catalog.version(model, r.version());
        if (r.description() != null) {
            v = versions.patch(
                    model.id(),
                    v.version(),
                    Json.createObjectBuilder()
                            .add("description", r.description())
                            .build(),
                    null);
        }
        return wrap("model_version", catalog.versionJson(model, v, aliases.list(model.id())));
    }

    /**
     * The registry never forgets a version (its audit trail refers to it): deleting one retires it, as far as the
     * lifecycle allows; it then shows as Archived.
     */
    public JsonObject deleteModelVersion(VersionRef r) {
        ModelDto model = catalog.model(r.name());
        ModelVersionDto v = catalog.version(model, r.version());
        lifecycle.transition(model.id(), v.version(), VersionState.RETIRED, "deleted through the MLflow API");
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    public JsonObject getDownloadUri(VersionRef r) {
        ModelDto model = catalog.model(r.name());
        ModelVersionDto v = catalog.version(model, r.version());
        return Json.createObjectBuilder()
                .add("artifact_uri", MlflowArtifacts.uri(model, v))
                .build();
    }

    public JsonObject setModelVersionTag(SetTag r) {
        checkTag(r.key(), r.value());
        ModelDto model = catalog.model(r.name());
        ModelVersionDto v = catalog.version(model, r.version());
        patchVersionTag(model, v, r.key(), Json.createValue(r.value()));
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    public JsonObject deleteModelVersionTag(DeleteTag r) {
        ModelDto model = catalog.model(r.name());
        ModelVersionDto v = catalog.version(model, r.version());
        if (!MlflowCatalog.versionTags(v).containsKey(r.key())) {
            throw MlflowException.notFound("Model version " + catalog.nameOf(model) + "/" + Shown.of(r.version())
                    + " has no tag with key " + Shown.of(r.key()));
        }
        patchVersionTag(model, v, r.key(), JsonValue.NULL);
        return JsonValue.EMPTY_JSON_OBJECT;
    }

    /** A merge patch of the version's metadata (a DRAFT's only: its content is frozen once submitted). */
    private void patchVersionTag(ModelDto model, ModelVersionDto v, String key, JsonValue value) {
        JsonObject tags = Json.createObjectBuilder().add(key, value).build();
        JsonObject patch = Json.createObjectBuilder()
                .add(
                        "metadata",
                        Json.createObjectBuilder()
                                .add(
                                        MlflowCatalog.META,
                                        Json.createObjectBuilder().add("tags", tags)))
                .build();
        versions.patch(model.id(), v.version(), patch, null);
    }

    /**
     * Moves a version to a stage through the registry's rules: Staging and Production point the {@code staging} and
     * {@code production} aliases at it ({@code production} is protected: an APPROVED version and a DEPLOYER, or the
     * registry refuses), Archived deprecates it through the lifecycle, None takes the stage aliases off it.
     */
    public JsonObject transitionStage(TransitionStage r) {
        String stage = MlflowCatalog.canonicalStage(r.stage());
        if (r.archiveExistingVersions()) {
            throw MlflowException.invalid("archive_existing_versions is not supported: a stage alias points at one"
                    + " version, so moving it leaves the others; archive versions with stage Archived");
        }
        ModelDto model = catalog.model(r.name());
        ModelVersionDto v = catalog.version(model, r.version());
        switch (stage) {
            case "Staging" -> aliases.move(model.id(), MlflowCatalog.STAGING_ALIAS, v.version());
            case "Production" -> aliases.move(model.id(), MlflowCatalog.PRODUCTION_ALIAS, v.version());
            case "Archived" ->
                lifecycle.transition(
                        model.id(), v.version(), VersionState.DEPRECATED, "archived through the MLflow API");
            default -> toNone(model, v);
        }
        ModelVersionDto after = versions.get(model.id(), v.version());
        return wrap("model_version", catalog.versionJson(model, after, aliases.list(model.id())));
    }

    private void toNone(ModelDto model, ModelVersionDto v) {
        List<AliasDto> current = aliases.list(model.id());
        if (MlflowCatalog.stage(v, current).equals("Archived") || v.state() == VersionState.DEPLOYED) {
            throw new MlflowException(
                    MlflowException.INVALID_STATE,
                    400,
                    "Version " + MlflowNames.mlflowVersion(v.version()) + " is " + v.state()
                            + ": the registry's lifecycle never returns it to stage None");
        }
        for (AliasDto a : current) {
            if (v.version().equals(a.version())
                    && (a.alias().equals(MlflowCatalog.STAGING_ALIAS)
                            || a.alias().equals(MlflowCatalog.PRODUCTION_ALIAS))) {
                aliases.remove(model.id(), a.alias());
            }
        }
    }

    public JsonObject searchModelVersions(Search s) {
        MlflowFilter filter = MlflowFilter.parse(s.filter(), Set.of("name", "run_id", "source_path"));
        List<Ordering> order = Ordering.parse(
                s.orderBy(),
                Map.of(
                        "name", "name",
                        "version_number", "version_number",
                        "creation_timestamp", "creation_timestamp",
                        "timestamp", "last_updated_timestamp",
                        "last_updated_timestamp", "last_updated_timestamp"));
        int offset = tokens.offset(s.pageToken(), "model-versions", s.filter(), s.orderBy());
        record Row(ModelDto model, ModelVersionDto version) {}
        List<Row> rows = new ArrayList<>();
        String name = filter.equalTo("name");
        String runId = filter.equalTo("run_id");
        if (name != null) {
            for (ModelDto m : exactModel(name)) {
                catalog.versionsOf(m.id()).forEach(v -> rows.add(new Row(m, v)));
            }
        } else if (runId != null) {
            Map<UUID, ModelDto> byId = new HashMap<>();
            for (ModelVersionDto v : versions.findByMetadata(List.of(MlflowCatalog.META, "run_id"), runId, 1000)) {
                ModelDto m = byId.computeIfAbsent(v.modelId(), models::get);
                if (m.organization().equals(catalog.organization())) {
                    rows.add(new Row(m, v));
                }
            }
        } else {
            for (ModelDto m : catalog.allModels(null)) {
                catalog.versionsOf(m.id()).forEach(v -> rows.add(new Row(m, v)));
                if (rows.size() > MlflowCatalog.MAX_SCANNED) {
                    throw MlflowException.invalid("The search reads more than " + MlflowCatalog.MAX_SCANNED
                            + " model versions: narrow it with name = '...' or run_id = '...'");
                }
            }
        }
        List<Row> matching = new ArrayList<>();
        for (Row row : rows) {
            String mlflowName = catalog.nameOf(row.model());
            Map<String, String> tags = MlflowCatalog.versionTags(row.version());
            Function<String, String> lookup = key -> switch (key) {
                case "name" -> mlflowName;
                case "run_id" -> MlflowCatalog.runId(row.version());
                case "source_path" -> row.version().sourceUri();
                default -> tags.get(key.substring("tags.".length()));
            };
            if (filter.test(lookup)) {
                matching.add(row);
            }
        }
        Comparator<Row> comparator = comparator(
                order,
                Map.of(
                        "name", row -> catalog.nameOf(row.model()),
                        "version_number", row -> MlflowNames.major(row.version().version()),
                        "creation_timestamp",
                                row -> MlflowCatalog.millis(row.version().createdAt()),
                        "last_updated_timestamp",
                                row -> MlflowCatalog.millis(row.version().updatedAt())));
        if (order.isEmpty()) {
            comparator = Comparator.comparing((Row row) -> catalog.nameOf(row.model()))
                    .thenComparing(Comparator.comparingLong(
                                    (Row row) -> MlflowNames.major(row.version().version()))
                            .reversed());
        }
        matching.sort(comparator.thenComparing(row -> row.version().id()));
        int max = s.maxResults() == null ? 1000 : s.maxResults().intValue();
        int end = Math.min(matching.size(), offset + max);
        Map<UUID, List<AliasDto>> aliasesOf = new HashMap<>();
        JsonArrayBuilder page = Json.createArrayBuilder();
        for (int i = offset; i < end; i++) {
            Row row = matching.get(i);
            List<AliasDto> a = aliasesOf.computeIfAbsent(row.model().id(), aliases::list);
            page.add(catalog.versionJson(row.model(), row.version(), a));
        }
        JsonObjectBuilder answer = Json.createObjectBuilder().add("model_versions", page);
        if (end < matching.size()) {
            answer.add("next_page_token", tokens.issue("model-versions", s.filter(), s.orderBy(), end));
        }
        return answer.build();
    }

    // ---- shared

    /** One {@code order_by} term: a column and its direction. */
    record Ordering(String column, boolean descending) {

        static List<Ordering> parse(List<String> orderBy, Map<String, String> columns) {
            List<Ordering> out = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String term : orderBy) {
                String[] words = term.trim().split("\\s+");
                String column = columns.get(words[0].toLowerCase(Locale.ROOT));
                boolean descending = words.length == 2 && words[1].equalsIgnoreCase("DESC");
                boolean valid = column != null
                        && words.length <= 2
                        && (words.length == 1 || descending || words[1].equalsIgnoreCase("ASC"));
                if (!valid) {
                    throw MlflowException.invalid("Invalid order_by clause '" + Shown.of(term) + "': use one of "
                            + new TreeSet<>(columns.keySet()) + ", optionally followed by ASC or DESC");
                }
                if (!seen.add(column)) {
                    throw MlflowException.invalid("order_by names " + column + " twice");
                }
                out.add(new Ordering(column, descending));
            }
            return out;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> Comparator<T> comparator(List<Ordering> order, Map<String, Function<T, Comparable>> keys) {
        Comparator<T> comparator = (a, b) -> 0;
        for (Ordering o : order) {
            Function<T, Comparable> key = keys.get(o.column());
            Comparator<T> next = Comparator.comparing(key::apply);
            comparator = comparator.thenComparing(o.descending() ? next.reversed() : next);
        }
        return comparator;
    }

    private static void checkTag(String key, String value) {
        if (key == null || key.isEmpty() || key.length() > MAX_TAG_KEY) {
            throw MlflowException.invalid("Tag key must be 1 to " + MAX_TAG_KEY + " characters");
        }
        checkLength("tag value", value, MAX_TAG_VALUE);
    }

    private static void checkLength(String what, String value, int max) {
        if (value != null && value.length() > max) {
            throw MlflowException.invalid(what + " must be at most " + max + " characters");
        }
    }

    private static JsonObject wrap(String field, JsonObject value) {
        return Json.createObjectBuilder().add(field, value).build();
    }
}
