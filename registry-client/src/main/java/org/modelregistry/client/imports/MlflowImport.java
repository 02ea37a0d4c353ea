package org.modelregistry.client.imports;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.governance.AliasDto;
import org.modelregistry.api.governance.MoveAliasRequest;
import org.modelregistry.client.ProblemException;
import org.modelregistry.client.ProgressListener;
import org.modelregistry.client.RegistryClient;
import org.modelregistry.client.TransportException;

/**
 * Copies the registered models of an MLflow server into the registry: each model (found again by its group and
 * name), its tags, every version as a DRAFT (source, run id and link, description, tags; the MLflow stage kept only
 * as information in the metadata), the aliases (through the registry's alias rules: a protected alias is refused
 * for a DRAFT and reported, never forced), and the files the artifact proxy serves, with their SHA-256.
 *
 * <p>Idempotent: an imported version carries {@code import} = {from: mlflow, url, name, version} in its metadata;
 * the next run finds it and skips it, resumes artifacts a broken run left out (while it is a DRAFT), and reports a
 * version whose description, source, run or tags changed in MLflow since as a CONFLICT (the registry's copy is
 * kept: an imported version is reviewed content, and MLflow's change is not).
 */
public final class MlflowImport {

    /** Where and how: the target organization (null: the caller's only one), group of unqualified names, tier. */
    public record Options(String organization, String defaultGroup, RiskTier riskTier, boolean dryRun) {}

    /** The most files taken from one version's folder (with its sub-folders), and the deepest folder followed. */
    static final int MAX_FILES = 10_000;

    static final int MAX_DEPTH = 8;

    private final MlflowSource source;
    private final Target target;
    private final Options options;
    private final ImportReport report;

    public MlflowImport(MlflowSource source, RegistryClient client, Options options) {
        this.source = source;
        this.target = new Target(client, options.organization());
        this.options = options;
        this.report = new ImportReport(source.url(), options.dryRun());
    }

    /**
     * Runs the import. The first search must succeed (else an {@link ImportException}: unreachable, refused,
     * malformed); after that each model, version, alias and artifact gets its own outcome in the report.
     */
    public ImportReport run() {
        List<String> names = new ArrayList<>();
        String token = null;
        do {
            MlflowJson.Page<MlflowJson.RegisteredModel> page = source.searchModels(token);
            page.items().forEach(m -> names.add(m.name()));
            token = page.nextPageToken();
        } while (token != null);
        for (String name : names) {
            try {
                importModel(name);
            } catch (RuntimeException e) {
                report.failed("model", name, e);
            }
        }
        return report;
    }

    /** MLflow's {@code group/name} or {@code name} as the registry's group and name. */
    static String[] registryName(String mlflowName, String defaultGroup) {
        int slash = mlflowName.indexOf('/');
        String group = slash < 0 ? defaultGroup : Target.label(mlflowName.substring(0, slash));
        String name = Target.label(slash < 0 ? mlflowName : mlflowName.substring(slash + 1));
        if (group == null || name == null) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT,
                    "the name '" + mlflowName + "' leaves nothing the registry accepts as a group and a name");
        }
        return new String[] {group, name};
    }

    /** MLflow's version number N as the registry's N.0.0; a version already in another shape is kept. */
    static String registryVersion(String mlflowVersion) {
        return mlflowVersion.matches("[1-9][0-9]{0,8}") ? mlflowVersion + ".0.0" : mlflowVersion;
    }

    private void importModel(String mlflowName) {
        MlflowJson.RegisteredModel source = this.source.getModel(mlflowName);
        String[] gn = registryName(mlflowName, options.defaultGroup());
        String display = gn[0] + "/" + gn[1];
        Set<String> tags = new LinkedHashSet<>();
        source.tags().forEach((key, value) -> {
            String tag = value.isEmpty() ? key : key + "=" + value;
            if (key.equals("risk_tier")) {
                return; // it sets the model's risk tier, as the registry's MLflow API reads it
            }
            Target.addTag(tags, tag, display + " " + tag, report);
        });
        Optional<ModelDto> existing = target.find(gn[0], gn[1]);
        ModelDto model;
        if (existing.isPresent()) {
            model = existing.get();
            report.add("model", display, ImportReport.Outcome.SKIPPED, "already in the registry (" + model.id() + ")");
            List<String> missing = tags.stream()
                    .filter(t -> model.tags() == null || !model.tags().contains(t))
                    .toList();
            if (!missing.isEmpty() && !options.dryRun()) {
                List<String> all = new ArrayList<>(model.tags() == null ? List.of() : model.tags());
                all.addAll(missing);
                var array = Json.createArrayBuilder();
                all.forEach(array::add);
                target.client.updateModel(
                        model.id(),
                        Json.createObjectBuilder().add("tags", array).build(),
                        model.revision());
            }
            for (String t : tags) {
                if (missing.contains(t)) {
                    report.created("tag", display + " " + t);
                } else {
                    report.add("tag", display + " " + t, ImportReport.Outcome.SKIPPED, null);
                }
            }
        } else if (options.dryRun()) {
            report.created("model", display);
            tags.forEach(t -> report.created("tag", display + " " + t));
            forEachVersion(mlflowName, v -> report.created("version", display + " " + registryVersion(v.version())));
            return;
        } else {
            model = target.client.createModel(new CreateModelRequest(
                    options.organization(),
                    gn[0],
                    gn[1],
                    source.description(),
                    null,
                    riskTier(source),
                    List.copyOf(tags)));
            report.created("model", display);
            tags.forEach(t -> report.created("tag", display + " " + t));
        }
        List<ModelVersionDto> versions = target.versions(model.id());
        Map<String, String> imported = new LinkedHashMap<>(); // MLflow version -> registry version
        forEachVersion(mlflowName, v -> {
            String item = display + " " + registryVersion(v.version());
            try {
                importVersion(model, display, v, versions).ifPresent(rv -> imported.put(v.version(), rv));
            } catch (RuntimeException e) {
                report.failed("version", item, e);
            }
        });
        importAliases(model, display, source, imported);
    }

    private RiskTier riskTier(MlflowJson.RegisteredModel source) {
        String tier = source.tags().get("risk_tier");
        if (tier != null) {
            for (RiskTier t : RiskTier.values()) {
                if (t.name().equalsIgnoreCase(tier)) {
                    return t;
                }
            }
        }
        return options.riskTier();
    }

    private void forEachVersion(String name, Consumer<MlflowJson.ModelVersion> each) {
        List<MlflowJson.ModelVersion> all = new ArrayList<>();
        String token = null;
        do {
            MlflowJson.Page<MlflowJson.ModelVersion> page = source.searchVersions(name, token);
            page.items().stream().filter(v -> v.name().equals(name)).forEach(all::add);
            token = page.nextPageToken();
        } while (token != null);
        all.sort(Comparator.comparing((MlflowJson.ModelVersion v) -> v.version().length())
                .thenComparing(MlflowJson.ModelVersion::version));
        all.forEach(each);
    }

    /** Returns the registry version the MLflow version is (created or found), empty when it is not there. */
    private Optional<String> importVersion(
            ModelDto model, String display, MlflowJson.ModelVersion v, List<ModelVersionDto> versions) {
        String rv = registryVersion(v.version());
        String item = display + " " + rv;
        Optional<ModelVersionDto> mine =
                versions.stream().filter(t -> isImportOf(t, v)).findFirst();
        if (mine.isPresent()) {
            List<String> changed = changedFields(mine.get(), v);
            if (changed.isEmpty()) {
                report.add("version", item, ImportReport.Outcome.SKIPPED, "imported before");
            } else {
                report.add(
                        "version",
                        item,
                        ImportReport.Outcome.CONFLICT,
                        "changed in MLflow since it was imported (" + String.join(", ", changed)
                                + "); the registry's copy is kept");
            }
            importArtifacts(model, mine.get().version(), mine.get().state(), true, v);
            return Optional.of(mine.get().version());
        }
        if (versions.stream().anyMatch(t -> t.version().equals(rv))) {
            report.add(
                    "version",
                    item,
                    ImportReport.Outcome.CONFLICT,
                    "version " + rv + " is in the registry but was not imported from " + source.url() + " (" + v.name()
                            + " " + v.version() + "); left as it is");
            return Optional.empty();
        }
        if (options.dryRun()) {
            report.created("version", item);
            importArtifacts(model, rv, VersionState.DRAFT, false, v);
            return Optional.of(rv);
        }
        ModelVersionDto created = target.client.createVersion(
                model.id(), new CreateVersionRequest(rv, null, metadata(v), v.description(), sourceUri(v.source())));
        report.created("version", item);
        importArtifacts(model, created.version(), created.state(), true, v);
        return Optional.of(rv);
    }

    private boolean isImportOf(ModelVersionDto t, MlflowJson.ModelVersion v) {
        JsonObject i = Target.importOf(t);
        return "mlflow".equals(Target.string(i, "from"))
                && source.url().equals(Target.string(i, "url"))
                && v.name().equals(Target.string(i, "name"))
                && v.version().equals(Target.string(i, "version"));
    }

    /** The version's metadata: MLflow's run and tags where the registry's MLflow API reads them, and the import. */
    private JsonObject metadata(MlflowJson.ModelVersion v) {
        JsonObjectBuilder mlflow = Json.createObjectBuilder();
        if (v.runId() != null) {
            mlflow.add("run_id", v.runId());
        }
        if (v.runLink() != null) {
            mlflow.add("run_link", v.runLink());
        }
        if (v.source() != null && sourceUri(v.source()) == null) {
            mlflow.add("source", v.source()); // not an absolute URI (a local path): kept here, not as sourceUri
        }
        if (v.currentStage() != null) {
            mlflow.add("stage", v.currentStage()); // information only: the registry's state is DRAFT
        }
        JsonObjectBuilder tags = Json.createObjectBuilder();
        v.tags().forEach(tags::add);
        mlflow.add("tags", tags);
        return Json.createObjectBuilder()
                .add("mlflow", mlflow)
                .add(
                        Target.IMPORT,
                        Json.createObjectBuilder()
                                .add("from", "mlflow")
                                .add("url", source.url())
                                .add("name", v.name())
                                .add("version", v.version()))
                .build();
    }

    private static String sourceUri(String source) {
        if (source == null || source.isBlank()) {
            return null;
        }
        try {
            return URI.create(source).isAbsolute() ? source : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The fields whose MLflow value differs from what the import wrote. */
    private static List<String> changedFields(ModelVersionDto t, MlflowJson.ModelVersion v) {
        JsonObject mlflow = t.metadata() != null && t.metadata().get("mlflow") instanceof JsonObject o
                ? o
                : JsonValue.EMPTY_JSON_OBJECT;
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(blankToNull(v.description()), blankToNull(t.description()))) {
            changed.add("description");
        }
        String source = sourceUri(v.source()) != null ? t.sourceUri() : Target.string(mlflow, "source");
        if (!Objects.equals(blankToNull(v.source()), blankToNull(source))) {
            changed.add("source");
        }
        if (!Objects.equals(v.runId(), Target.string(mlflow, "run_id"))) {
            changed.add("run_id");
        }
        if (!Objects.equals(v.runLink(), Target.string(mlflow, "run_link"))) {
            changed.add("run_link");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        if (mlflow.get("tags") instanceof JsonObject o) {
            o.forEach((k, val) -> tags.put(k, val instanceof JsonString s ? s.getString() : val.toString()));
        }
        if (!tags.equals(v.tags())) {
            changed.add("tags");
        }
        return changed;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private void importAliases(
            ModelDto model, String display, MlflowJson.RegisteredModel source, Map<String, String> imported) {
        if (source.aliases().isEmpty()) {
            return;
        }
        List<AliasDto> aliases = target.client.listAliases(model.id());
        source.aliases().forEach((alias, version) -> {
            String item = display + "@" + alias;
            String rv = imported.get(version);
            if (rv == null) {
                report.add(
                        "alias",
                        item,
                        ImportReport.Outcome.NOT_IMPORTED,
                        "its version " + version + " is not in the registry");
                return;
            }
            Optional<AliasDto> there =
                    aliases.stream().filter(a -> a.alias().equals(alias)).findFirst();
            if (there.isPresent()) {
                report.add(
                        "alias",
                        item,
                        there.get().version().equals(rv)
                                ? ImportReport.Outcome.SKIPPED
                                : ImportReport.Outcome.NOT_IMPORTED,
                        there.get().version().equals(rv)
                                ? null
                                : "points at " + there.get().version() + " in the registry; left as it is");
                return;
            }
            if (options.dryRun()) {
                report.created("alias", item);
                return;
            }
            try {
                target.client.moveAlias(model.id(), alias, new MoveAliasRequest(rv));
                report.created("alias", item);
            } catch (ProblemException e) {
                if (e.status() >= 500 || e.status() == 429) {
                    report.failed("alias", item, e);
                } else {
                    // governance: a protected alias needs an approved version, and an imported one is a DRAFT
                    report.add(
                            "alias",
                            item,
                            ImportReport.Outcome.NOT_IMPORTED,
                            "the registry refused it: " + e.getMessage());
                }
            } catch (TransportException e) {
                report.failed("alias", item, e);
            }
        });
    }

    /** The files of a version ({@code exists}: in the registry already, else only planned in a dry run). */
    private void importArtifacts(
            ModelDto model, String version, VersionState state, boolean exists, MlflowJson.ModelVersion v) {
        String prefix = model.group() + "/" + model.name() + " " + version + " ";
        String uri;
        try {
            uri = source.downloadUri(v.name(), v.version());
        } catch (ImportException e) {
            if (e.kind() != ImportException.Kind.NOT_FOUND) {
                throw e;
            }
            report.add(
                    "artifact", prefix + "*", ImportReport.Outcome.NOT_IMPORTED, "no download URI: " + e.getMessage());
            return;
        }
        if (!uri.startsWith("mlflow-artifacts:")) {
            report.add(
                    "artifact",
                    prefix + uri,
                    ImportReport.Outcome.NOT_IMPORTED,
                    "not served by the MLflow server's artifact proxy (only mlflow-artifacts: URIs are fetched over"
                            + " HTTP); the version's source keeps the URI");
            return;
        }
        String root = URI.create(uri).getPath();
        root = root == null ? "" : root.replaceAll("^/+|/+$", "");
        List<String[]> files = new ArrayList<>(); // relative path, size or null
        walk(root, "", 0, files);
        List<ArtifactDto> existing = exists ? target.artifacts(model.id(), version) : List.of();
        for (String[] f : files) {
            String name = Target.artifactName(f[0]);
            String item = prefix + name;
            try {
                importArtifact(
                        model,
                        version,
                        state,
                        root + "/" + f[0],
                        name,
                        f[1] == null ? null : Long.valueOf(f[1]),
                        existing);
            } catch (RuntimeException e) {
                report.failed("artifact", item, e);
            }
        }
    }

    private void walk(String root, String relative, int depth, List<String[]> files) {
        for (MlflowJson.FileInfo f : source.listArtifacts(relative.isEmpty() ? root : root + "/" + relative)) {
            String name = f.path().contains("/") ? f.path().substring(f.path().lastIndexOf('/') + 1) : f.path();
            if (name.isEmpty() || name.equals(".") || name.equals("..")) {
                throw new ImportException(
                        ImportException.Kind.MALFORMED, "the artifact listing names an unsafe path '" + f.path() + "'");
            }
            String path = relative.isEmpty() ? name : relative + "/" + name;
            if (f.dir()) {
                if (depth + 1 > MAX_DEPTH) {
                    throw new ImportException(
                            ImportException.Kind.MALFORMED,
                            "artifact folders nest deeper than " + MAX_DEPTH + " at " + path);
                }
                walk(root, path, depth + 1, files);
            } else {
                if (files.size() >= MAX_FILES) {
                    throw new ImportException(
                            ImportException.Kind.MALFORMED, "more than " + MAX_FILES + " artifact files under " + root);
                }
                files.add(new String[] {path, f.size() == null ? null : f.size().toString()});
            }
        }
    }

    private void importArtifact(
            ModelDto model,
            String version,
            VersionState state,
            String path,
            String name,
            Long size,
            List<ArtifactDto> existing) {
        String item = model.group() + "/" + model.name() + " " + version + " " + name;
        if (!Target.ARTIFACT_NAME.matcher(name).matches()) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT, "'" + name + "' is not a name the registry accepts for a file");
        }
        Optional<ArtifactDto> there =
                existing.stream().filter(a -> a.name().equals(name)).findFirst();
        if (there.isPresent() && there.get().stored()) {
            if (size != null
                    && there.get().size() != null
                    && !size.equals(there.get().size())) {
                report.add(
                        "artifact",
                        item,
                        ImportReport.Outcome.CONFLICT,
                        "is " + size + " bytes in MLflow, " + there.get().size() + " in the registry; the registry's"
                                + " copy is kept");
            } else {
                report.add(
                        "artifact",
                        item,
                        ImportReport.Outcome.SKIPPED,
                        "sha256 " + there.get().sha256());
            }
            return;
        }
        if (state != VersionState.DRAFT) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT,
                    "the version is " + state + ": its content is frozen, the file cannot be added");
        }
        if (options.dryRun()) {
            report.created("artifact", item);
            return;
        }
        Path temp;
        try {
            temp = Files.createTempFile("registry-import-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            MlflowSource.Download d = source.download(path, temp);
            UUID id = there.isPresent()
                    ? there.get().id()
                    : target.client
                            .createArtifact(
                                    model.id(),
                                    version,
                                    new CreateArtifactRequest(
                                            Target.typeOf(name), name, null, d.sha256(), d.size(), null, null))
                            .id();
            ArtifactDto stored =
                    target.client.uploadArtifactContent(model.id(), version, id, temp, null, ProgressListener.NONE);
            report.add("artifact", item, ImportReport.Outcome.CREATED, "sha256 " + stored.sha256());
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                temp.toFile().deleteOnExit();
            }
        }
    }
}
