package org.modelregistry.client.imports;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelSummaryDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.common.Page;
import org.modelregistry.client.Query;
import org.modelregistry.client.RegistryClient;

/**
 * The registry an import writes to, through {@link RegistryClient} as the signed-in caller: finding a model by
 * group and name in the target organization, reading all of a model's versions and a version's artifacts, and the
 * naming rules both imports share (the registry's, checked again by the server).
 */
final class Target {

    /** The registry's rule for group and model names (DNS labels). */
    static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    /** The registry's rule for a model's tags. */
    static final Pattern TAG = Pattern.compile("^[a-z0-9][a-z0-9._:/=-]{0,62}$");
    /** The registry's rule for an artifact's name. */
    static final Pattern ARTIFACT_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._+=@-]{0,254}$");
    /** The metadata key under which the source identity of an imported version is kept. */
    static final String IMPORT = "import";

    final RegistryClient client;
    final String organization;

    Target(RegistryClient client, String organization) {
        this.client = client;
        this.organization = organization;
    }

    /** The model {@code group/name} of the target organization (the caller's only one when none was given). */
    Optional<ModelDto> find(String group, String name) {
        List<ModelSummaryDto> found = new ArrayList<>();
        String cursor = null;
        do {
            Page<ModelSummaryDto> page = client.listModels(
                    Query.of("group", group).and("name", name).and("limit", 100).and("cursor", cursor));
            page.items().stream()
                    .filter(m -> m.group().equals(group) && m.name().equals(name))
                    .filter(m -> organization == null || organization.equals(m.organization()))
                    .forEach(found::add);
            cursor = page.nextCursor();
        } while (cursor != null);
        if (found.size() > 1) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT,
                    "model " + group + "/" + name + " exists in several of your organizations: give --organization");
        }
        return found.isEmpty()
                ? Optional.empty()
                : Optional.of(client.getModel(found.get(0).id()));
    }

    List<ModelVersionDto> versions(UUID modelId) {
        List<ModelVersionDto> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ModelVersionDto> page =
                    client.listVersions(modelId, Query.of("limit", 100).and("cursor", cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    List<ArtifactDto> artifacts(UUID modelId, String version) {
        List<ArtifactDto> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ArtifactDto> page = client.listArtifacts(
                    modelId, version, Query.of("limit", 200).and("cursor", cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    /** The {@code import} object of a version's metadata, or an empty object. */
    /**
     * Adds {@code tag} to {@code tags} when the registry's tag rule takes it; else reports it as not imported (named
     * {@code shown}): a source's tag never fails an import.
     */
    static void addTag(Set<String> tags, String tag, String shown, ImportReport report) {
        if (TAG.matcher(tag).matches()) {
            tags.add(tag);
        } else {
            report.add(
                    "tag",
                    shown,
                    ImportReport.Outcome.NOT_IMPORTED,
                    "the registry's tag rule refuses it (lowercase letters, digits and ._:/=-, at most 63)");
        }
    }

    static JsonObject importOf(ModelVersionDto v) {
        JsonValue i = v.metadata() == null ? null : v.metadata().get(IMPORT);
        return i != null && i.getValueType() == JsonValue.ValueType.OBJECT
                ? i.asJsonObject()
                : JsonValue.EMPTY_JSON_OBJECT;
    }

    static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    /**
     * A name as the registry accepts it: lower case, runs of other characters as one '-', no '-' at either end, at
     * most 63 characters; null when nothing is left.
     */
    static String label(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 63) {
            s = s.substring(0, 63).replaceAll("-+$", "");
        }
        return s.isEmpty() ? null : s;
    }

    /** What an artifact is, from its file name. */
    static ArtifactType typeOf(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        int slash = n.lastIndexOf('/');
        String base = slash < 0 ? n : n.substring(slash + 1);
        if (base.matches(".*\\.(safetensors|bin|onnx|pt|pth|ckpt|h5|keras|pkl|joblib|gguf|msgpack|tflite|pb)$")) {
            return ArtifactType.MODEL_WEIGHTS;
        }
        if (base.equals("mlmodel") || base.matches(".*\\.(json|ya?ml|txt|model|cfg|ini|toml)$")) {
            return ArtifactType.CONFIG;
        }
        if (base.matches(".*\\.(py|ipynb)$")) {
            return ArtifactType.CODE;
        }
        return ArtifactType.OTHER;
    }

    /** A file's path in a repository as one artifact name (the registry's names are flat): '/' becomes "__". */
    static String artifactName(String relativePath) {
        return relativePath.replace("/", "__");
    }
}
