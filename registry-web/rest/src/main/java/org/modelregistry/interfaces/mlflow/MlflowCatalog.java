package org.modelregistry.interfaces.mlflow;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelQuery;
import org.modelregistry.api.catalog.ModelService;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.ModelVersionService;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionQuery;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.Page;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.AliasService;
import org.modelregistry.api.identity.OrganizationDto;
import org.modelregistry.api.identity.UserService;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.application.catalog.MlflowSettings;
import org.modelregistry.infrastructure.config.ApiSettings;

/**
 * The catalog as MLflow sees it, for one request: MLflow names resolved to models of one organization (the server's
 * {@code registry.mlflow.organization}, else the caller's only organization), versions with their MLflow number,
 * stage, tags and run, and the JSON of MLflow's {@code RegisteredModel} and {@code ModelVersion}. Every read and
 * write goes through the registry's services, so the caller's rights and the registry's rules apply unchanged.
 *
 * <p>Where MLflow keeps what the registry has no field for: a model's tags are the registry's tags, {@code key=value}
 * (or {@code key} for an empty value); a version's run, run link and tags are in its metadata under {@code mlflow}
 * ({@code run_id}, {@code run_link}, {@code tags}), which, like all of a version's content, changes only while it
 * is a DRAFT.
 */
@RequestScoped
public class MlflowCatalog {

    /** MLflow's stages, in the order {@code get-latest-versions} lists them. */
    static final List<String> STAGES = List.of("None", "Staging", "Production", "Archived");

    static final String META = "mlflow";
    static final String STAGING_ALIAS = "staging";
    static final String PRODUCTION_ALIAS = "production";
    private static final String RISK_TIER_TAG = "risk_tier";

    /** How many models or versions one search reads at most: beyond it, the caller must narrow the filter. */
    static final int MAX_SCANNED = 50_000;

    @EJB
    ModelService models;

    @EJB
    ModelVersionService versions;

    @EJB
    AliasService aliases;

    @EJB
    UserService users;

    @Inject
    MlflowSettings settings;

    @Inject
    ApiSettings api;

    private String organization;

    /** A model with what MLflow shows of it: its versions (oldest first) and its aliases. */
    public record Model(ModelDto model, List<ModelVersionDto> versions, List<AliasDto> aliases) {}

    /**
     * The slug of the organization whose models MLflow names denote for this caller.
     *
     * @throws MlflowException PERMISSION_DENIED for a caller of no organization, INVALID_PARAMETER_VALUE for a
     *     caller of several when the server fixes none
     */
    public String organization() {
        if (organization == null) {
            Optional<String> fixed = settings.organization();
            if (fixed.isPresent()) {
                organization = fixed.get();
            } else {
                List<String> mine = users.organizations().stream()
                        .map(OrganizationDto::slug)
                        .toList();
                if (mine.isEmpty()) {
                    throw new MlflowException(
                            MlflowException.PERMISSION_DENIED,
                            403,
                            "You are a member of no organization, so no registered model can be yours");
                }
                if (mine.size() > 1) {
                    throw MlflowException.invalid(
                            "You are a member of several organizations (" + String.join(", ", mine)
                                    + "): MLflow names denote the models of one, which the server names with the setting"
                                    + " registry.mlflow.organization");
                }
                organization = mine.get(0);
            }
        }
        return organization;
    }

    public String defaultGroup() {
        return settings.defaultGroup();
    }

    /** The MLflow name of a model. */
    public String nameOf(ModelDto model) {
        return MlflowNames.format(model.group(), model.name(), settings.defaultGroup());
    }

    /** The model an MLflow name denotes; RESOURCE_DOES_NOT_EXIST when there is none the caller may see. */
    public ModelDto model(String mlflowName) {
        MlflowNames.ModelName name = MlflowNames.parse(mlflowName, settings.defaultGroup());
        return find(name.group(), name.name())
                .orElseThrow(() ->
                        MlflowException.notFound("Registered Model with name=" + Shown.of(mlflowName) + " not found"));
    }

    /** The model of this group and name in the organization, if the caller may see it. */
    public Optional<ModelDto> find(String group, String name) {
        String org = organization();
        return models.list(new ModelQuery(group, name, null, null, null, api.maxPageSize(), null)).items().stream()
                .filter(m -> m.organization().equals(org))
                .findFirst();
    }

    /** The models of the organization the caller may see, at most {@link #MAX_SCANNED}; {@code tag} narrows. */
    public List<ModelDto> allModels(String tag) {
        String org = organization();
        List<ModelDto> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ModelDto> page = models.list(new ModelQuery(null, null, null, tag, null, api.maxPageSize(), cursor));
            page.items().stream().filter(m -> m.organization().equals(org)).forEach(all::add);
            cursor = page.nextCursor();
            if (all.size() > MAX_SCANNED) {
                throw MlflowException.invalid("The search reads more than " + MAX_SCANNED
                        + " registered models: narrow it with name = '...' or tags.<key> = '...'");
            }
        } while (cursor != null);
        return all;
    }

    /** The versions of a model, oldest first. */
    public List<ModelVersionDto> versionsOf(UUID modelId) {
        List<ModelVersionDto> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ModelVersionDto> page =
                    versions.list(modelId, new VersionQuery(null, "created", api.maxPageSize(), cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
            if (all.size() > MAX_SCANNED) {
                throw MlflowException.invalid("The model has more than " + MAX_SCANNED + " versions");
            }
        } while (cursor != null);
        return all;
    }

    public Model load(ModelDto model) {
        return new Model(model, versionsOf(model.id()), aliases.list(model.id()));
    }

    /** A version of a model; RESOURCE_DOES_NOT_EXIST when there is none. */
    public ModelVersionDto version(ModelDto model, String mlflowVersion) {
        String registryVersion = MlflowNames.registryVersion(mlflowVersion);
        try {
            return versions.get(model.id(), registryVersion);
        } catch (NotFoundException e) {
            throw MlflowException.notFound(
                    "Model Version (name=" + nameOf(model) + ", version=" + Shown.of(mlflowVersion) + ") not found");
        }
    }

    /** Registers a model from MLflow's request: the caller's organization, the default risk tier (or its tag). */
    public ModelDto create(String mlflowName, Map<String, String> tags, String description) {
        MlflowNames.ModelName name = MlflowNames.parse(mlflowName, settings.defaultGroup());
        Map<String, String> kept = new LinkedHashMap<>(tags);
        RiskTier tier = settings.riskTier();
        String asked = kept.remove(RISK_TIER_TAG);
        if (asked != null) {
            try {
                tier = RiskTier.valueOf(asked.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw MlflowException.invalid("Tag risk_tier must be one of " + List.of(RiskTier.values()));
            }
        }
        try {
            return models.create(new CreateModelRequest(
                    organization(), name.group(), name.name(), description, null, tier, registryTags(kept)));
        } catch (ConflictException e) {
            throw new MlflowException(
                    MlflowException.RESOURCE_ALREADY_EXISTS,
                    400,
                    "Registered Model (name=" + Shown.of(mlflowName) + ") already exists");
        }
    }

    /** MLflow's tags as the registry's: {@code key=value}, or {@code key} for an empty value. */
    static List<String> registryTags(Map<String, String> tags) {
        List<String> out = new ArrayList<>();
        tags.forEach((key, value) -> out.add(registryTag(key, value)));
        return out;
    }

    static String registryTag(String key, String value) {
        if (key.indexOf('=') >= 0) {
            throw MlflowException.invalid("Tag key '" + Shown.of(key) + "' must not contain '='");
        }
        return value == null || value.isEmpty() ? key : key + "=" + value;
    }

    /** The registry's tags as MLflow's. */
    static Map<String, String> mlflowTags(List<String> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String tag : tags) {
            int eq = tag.indexOf('=');
            out.put(eq < 0 ? tag : tag.substring(0, eq), eq < 0 ? "" : tag.substring(eq + 1));
        }
        return out;
    }

    /** A version's MLflow tags (from its metadata). */
    static Map<String, String> versionTags(ModelVersionDto v) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonObject mlflow = mlflowMetadata(v);
        JsonValue tags = mlflow.get("tags");
        if (tags != null && tags.getValueType() == JsonValue.ValueType.OBJECT) {
            tags.asJsonObject().forEach((k, val) -> out.put(k, text(val)));
        }
        return out;
    }

    static String runId(ModelVersionDto v) {
        return stringIn(mlflowMetadata(v), "run_id");
    }

    static String runLink(ModelVersionDto v) {
        return stringIn(mlflowMetadata(v), "run_link");
    }

    private static JsonObject mlflowMetadata(ModelVersionDto v) {
        JsonValue m = v.metadata() == null ? null : v.metadata().get(META);
        return m != null && m.getValueType() == JsonValue.ValueType.OBJECT
                ? m.asJsonObject()
                : JsonValue.EMPTY_JSON_OBJECT;
    }

    private static String stringIn(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : text(v);
    }

    private static String text(JsonValue v) {
        return v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : v.toString();
    }

    /**
     * A version's MLflow stage, derived from its registry state and aliases: Archived when DEPRECATED or RETIRED,
     * Production when DEPLOYED or the {@code production} alias points at it, Staging when the {@code staging} alias
     * does, None otherwise.
     */
    static String stage(ModelVersionDto v, List<AliasDto> aliases) {
        if (v.state() == VersionState.DEPRECATED || v.state() == VersionState.RETIRED) {
            return "Archived";
        }
        if (v.state() == VersionState.DEPLOYED || pointsAt(aliases, PRODUCTION_ALIAS, v)) {
            return "Production";
        }
        return pointsAt(aliases, STAGING_ALIAS, v) ? "Staging" : "None";
    }

    private static boolean pointsAt(List<AliasDto> aliases, String alias, ModelVersionDto v) {
        return aliases.stream()
                .anyMatch(a -> a.alias().equals(alias) && v.version().equals(a.version()));
    }

    /** MLflow's name of a stage, whatever its case; INVALID_PARAMETER_VALUE for another word. */
    static String canonicalStage(String stage) {
        return STAGES.stream()
                .filter(s -> s.equalsIgnoreCase(stage == null ? "" : stage.trim()))
                .findFirst()
                .orElseThrow(() -> MlflowException.invalid(
                        "Invalid Model Version stage: " + Shown.of(stage) + ". Value must be one of " + STAGES));
    }

    /** The latest version (highest number) in each of the stages, in {@link #STAGES} order. */
    static List<ModelVersionDto> latest(List<ModelVersionDto> versions, List<AliasDto> aliases, List<String> stages) {
        List<ModelVersionDto> out = new ArrayList<>();
        for (String stage : STAGES) {
            if (!stages.contains(stage)) {
                continue;
            }
            versions.stream()
                    .filter(v -> stage(v, aliases).equals(stage))
                    .max(Comparator.comparingLong((ModelVersionDto v) -> MlflowNames.major(v.version()))
                            .thenComparing(ModelVersionDto::createdAt))
                    .ifPresent(out::add);
        }
        return out;
    }

    static long millis(OffsetDateTime time) {
        return time == null ? 0 : time.toInstant().toEpochMilli();
    }

    /** When MLflow says a model last changed: its own last change or its newest version's, whichever is later. */
    static long lastUpdated(ModelDto model, List<ModelVersionDto> versions) {
        long last = millis(model.updatedAt());
        for (ModelVersionDto v : versions) {
            last = Math.max(last, millis(v.updatedAt()));
        }
        return last;
    }

    /** MLflow's {@code RegisteredModel}. */
    public JsonObject registeredModelJson(Model m) {
        ModelDto model = m.model();
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", nameOf(model))
                .add("creation_timestamp", millis(model.createdAt()))
                .add("last_updated_timestamp", lastUpdated(model, m.versions()));
        if (model.description() != null) {
            json.add("description", model.description());
        }
        var latest = Json.createArrayBuilder();
        for (ModelVersionDto v : latest(m.versions(), m.aliases(), STAGES)) {
            latest.add(versionJson(model, v, m.aliases()));
        }
        json.add("latest_versions", latest);
        json.add("tags", tagsJson(mlflowTags(model.tags())));
        var aliasList = Json.createArrayBuilder();
        for (AliasDto a : m.aliases()) {
            aliasList.add(Json.createObjectBuilder()
                    .add("alias", a.alias())
                    .add("version", MlflowNames.mlflowVersion(a.version())));
        }
        json.add("aliases", aliasList);
        return json.build();
    }

    /** MLflow's {@code ModelVersion}. */
    public JsonObject versionJson(ModelDto model, ModelVersionDto v, List<AliasDto> aliases) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("name", nameOf(model))
                .add("version", MlflowNames.mlflowVersion(v.version()))
                .add("creation_timestamp", millis(v.createdAt()))
                .add("last_updated_timestamp", millis(v.updatedAt()))
                .add("user_id", v.createdBy())
                .add("current_stage", stage(v, aliases));
        if (v.description() != null) {
            json.add("description", v.description());
        }
        if (v.sourceUri() != null) {
            json.add("source", v.sourceUri());
        }
        String runId = runId(v);
        if (runId != null) {
            json.add("run_id", runId);
        }
        String runLink = runLink(v);
        if (runLink != null) {
            json.add("run_link", runLink);
        }
        json.add("status", "READY");
        json.add("tags", tagsJson(versionTags(v)));
        var names = Json.createArrayBuilder();
        aliases.stream().filter(a -> v.version().equals(a.version())).forEach(a -> names.add(a.alias()));
        json.add("aliases", names);
        return json.build();
    }

    private static JsonArrayBuilder tagsJson(Map<String, String> tags) {
        var array = Json.createArrayBuilder();
        tags.forEach(
                (k, v) -> array.add(Json.createObjectBuilder().add("key", k).add("value", v)));
        return array;
    }
}
