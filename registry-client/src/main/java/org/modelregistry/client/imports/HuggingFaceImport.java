package org.modelregistry.client.imports;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.catalog.ArtifactDto;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.ModelDto;
import org.modelregistry.api.catalog.ModelVersionDto;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.client.ProgressListener;
import org.modelregistry.client.RegistryClient;

/**
 * Imports a Hugging Face-style repository on disk as one version of a model: the model is found by group and name
 * (or registered), the version is created as a DRAFT with the card's licence, tags, datasets, languages, base model,
 * pipeline tag and metrics ({@code model-index} results) and config.json's architecture in its metadata, and every
 * file becomes an artifact, declared with its SHA-256 and size, then streamed; the README is the MODEL_CARD artifact
 * the registry's MODEL_CARD check reads.
 *
 * <p>Idempotent: the version records {@code import} = {from: huggingface, directory, files: name to sha256}; a
 * second run finds the artifacts with the same digests and skips them, uploads what a broken run left out (while
 * the version is a DRAFT), and reports a file whose content changed as a CONFLICT, never replacing it: content in
 * the registry is what reviewers see, so a changed repository is a new version ({@code --version}).
 */
public final class HuggingFaceImport {

    /** The model ({@code group/name}), version, target organization (null: the caller's only one), tier. */
    public record Options(String model, String version, String organization, RiskTier riskTier, boolean dryRun) {}

    /**
     * Licence identifiers of the Hugging Face Hub that are not SPDX identifiers: given to the registry as
     * {@code LicenseRef-<id>}; {@code other} and {@code unknown} give none.
     */
    static final Set<String> NON_SPDX = Set.of(
            "openrail",
            "openrail++",
            "bigscience-openrail-m",
            "creativeml-openrail-m",
            "bigscience-bloom-rail-1.0",
            "bigcode-openrail-m",
            "llama2",
            "llama3",
            "llama3.1",
            "llama3.2",
            "llama3.3",
            "llama4",
            "gemma",
            "deepfloyd-if-license",
            "apple-ascl",
            "intel-research",
            "lgpl-lr",
            "h-research",
            "fair-noncommercial-research-license",
            "cc");

    private final HuggingFaceRepository repository;
    private final Target target;
    private final Options options;
    private final ImportReport report;

    public HuggingFaceImport(HuggingFaceRepository repository, RegistryClient client, Options options) {
        this.repository = repository;
        this.target = new Target(client, options.organization());
        this.options = options;
        this.report = new ImportReport(repository.root().toString(), options.dryRun());
    }

    /** The card's licence as the registry's artifacts take it (an SPDX expression), or null. */
    static String spdx(String license) {
        if (license == null) {
            return null;
        }
        String l = license.strip().toLowerCase(Locale.ROOT);
        if (l.isEmpty() || l.equals("other") || l.equals("unknown")) {
            return null;
        }
        if (NON_SPDX.contains(l)) {
            return "LicenseRef-" + l.replace("+", "-plus").replaceAll("[^a-z0-9.-]", "-");
        }
        return license.strip();
    }

    public ImportReport run() {
        String[] gn = options.model().split("/", -1);
        if (gn.length != 2
                || !Target.LABEL.matcher(gn[0]).matches()
                || !Target.LABEL.matcher(gn[1]).matches()) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT,
                    "--model: give group/name in lowercase letters, digits and '-', not '" + options.model() + "'");
        }
        String display = options.model();
        Map<String, String> digests = new LinkedHashMap<>();
        for (HuggingFaceRepository.RepoFile f : repository.files()) {
            digests.put(f.name(), RegistryClient.sha256Of(f.path()));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String t : repository.card().tags()) {
            Target.addTag(tags, t.strip().toLowerCase(Locale.ROOT), display + " " + t, report);
        }
        Optional<ModelDto> existing = target.find(gn[0], gn[1]);
        ModelDto model;
        if (existing.isPresent()) {
            model = existing.get();
            report.add("model", display, ImportReport.Outcome.SKIPPED, "already in the registry (" + model.id() + ")");
        } else if (options.dryRun()) {
            report.created("model", display);
            report.created("version", display + " " + options.version());
            repository
                    .files()
                    .forEach(f -> report.created("artifact", display + " " + options.version() + " " + f.name()));
            return report;
        } else {
            model = target.client.createModel(new CreateModelRequest(
                    options.organization(), gn[0], gn[1], null, null, options.riskTier(), List.copyOf(tags)));
            report.created("model", display);
            tags.forEach(t -> report.created("tag", display + " " + t));
        }
        String item = display + " " + options.version();
        Optional<ModelVersionDto> there = target.versions(model.id()).stream()
                .filter(v -> v.version().equals(options.version()))
                .findFirst();
        ModelVersionDto version;
        if (there.isPresent()) {
            version = there.get();
            if (!"huggingface".equals(Target.string(Target.importOf(version), "from"))) {
                report.add(
                        "version",
                        item,
                        ImportReport.Outcome.CONFLICT,
                        "version " + options.version() + " is in the registry but was not imported from a Hugging Face"
                                + " repository; choose another --version");
                return report;
            }
            report.add("version", item, ImportReport.Outcome.SKIPPED, "imported before");
        } else if (options.dryRun()) {
            report.created("version", item);
            repository.files().forEach(f -> report.created("artifact", item + " " + f.name()));
            return report;
        } else {
            version = target.client.createVersion(
                    model.id(), new CreateVersionRequest(options.version(), null, metadata(digests), null, null));
            report.created("version", item);
        }
        List<ArtifactDto> artifacts = target.artifacts(model.id(), version.version());
        String license = spdx(repository.card().license());
        for (HuggingFaceRepository.RepoFile f : repository.files()) {
            try {
                importFile(model, version, f, digests.get(f.name()), license, artifacts);
            } catch (RuntimeException e) {
                report.failed("artifact", item + " " + f.name(), e);
            }
        }
        return report;
    }

    private void importFile(
            ModelDto model,
            ModelVersionDto version,
            HuggingFaceRepository.RepoFile f,
            String sha256,
            String license,
            List<ArtifactDto> artifacts) {
        String item = options.model() + " " + version.version() + " " + f.name();
        Optional<ArtifactDto> there =
                artifacts.stream().filter(a -> a.name().equals(f.name())).findFirst();
        if (there.isPresent()
                && there.get().sha256() != null
                && !there.get().sha256().equals(sha256)) {
            report.add(
                    "artifact",
                    item,
                    ImportReport.Outcome.CONFLICT,
                    "changed since it was imported (the registry has sha256 "
                            + there.get().sha256() + ", the file " + sha256
                            + "); not overwritten: import the directory as a new --version");
            return;
        }
        if (there.isPresent() && there.get().stored()) {
            report.add("artifact", item, ImportReport.Outcome.SKIPPED, "sha256 " + sha256);
            return;
        }
        if (version.state() != VersionState.DRAFT) {
            report.add(
                    "artifact",
                    item,
                    ImportReport.Outcome.CONFLICT,
                    "the version is " + version.state() + ": its content is frozen, the file cannot be added");
            return;
        }
        if (options.dryRun()) {
            report.created("artifact", item);
            return;
        }
        UUID id = there.isPresent()
                ? there.get().id()
                : target.client
                        .createArtifact(
                                model.id(),
                                version.version(),
                                new CreateArtifactRequest(f.type(), f.name(), null, sha256, f.size(), license, null))
                        .id();
        ArtifactDto stored = target.client.uploadArtifactContent(
                model.id(), version.version(), id, f.path(), null, ProgressListener.NONE);
        report.add("artifact", item, ImportReport.Outcome.CREATED, "sha256 " + stored.sha256());
    }

    /** The version's metadata: what the card and config.json say, and the import's identity. */
    JsonObject metadata(Map<String, String> digests) {
        ModelCard card = repository.card();
        JsonObjectBuilder m = Json.createObjectBuilder();
        JsonObjectBuilder files = Json.createObjectBuilder();
        digests.forEach(files::add);
        m.add(
                Target.IMPORT,
                Json.createObjectBuilder()
                        .add("from", "huggingface")
                        .add("directory", repository.root().getFileName().toString())
                        .add("files", files));
        if (card.license() != null) {
            m.add("license", card.license());
        }
        addList(m, "tags", card.tags());
        addList(m, "datasets", card.datasets());
        addList(m, "language", card.languages());
        addList(m, "base_model", card.baseModels());
        if (card.pipelineTag() != null) {
            m.add("pipeline_tag", card.pipelineTag());
        }
        if (card.libraryName() != null) {
            m.add("library_name", card.libraryName());
        }
        JsonObjectBuilder metrics = Json.createObjectBuilder();
        Set<String> seen = new LinkedHashSet<>();
        JsonArrayBuilder results = Json.createArrayBuilder();
        for (ModelCard.Result r : card.results()) {
            JsonValue value = ModelCard.json(r.value());
            if (value.getValueType() == JsonValue.ValueType.NUMBER && seen.add(r.metric())) {
                metrics.add(r.metric(), value); // the first result of each metric: what policies read
            }
            JsonObjectBuilder each =
                    Json.createObjectBuilder().add("metric", r.metric()).add("value", value);
            if (r.task() != null) {
                each.add("task", r.task());
            }
            if (r.dataset() != null) {
                each.add("dataset", r.dataset());
            }
            results.add(each);
        }
        if (!seen.isEmpty()) {
            m.add("metrics", metrics);
        }
        JsonObjectBuilder hf = Json.createObjectBuilder().add("card", card.toJson());
        List<String> names = card.metricNames();
        if (!names.isEmpty()) {
            addList(hf, "metrics", names);
        }
        List<JsonValue> resultList = new ArrayList<>(results.build());
        if (!resultList.isEmpty()) {
            hf.add("results", Json.createArrayBuilder(resultList));
        }
        JsonObject config = repository.config();
        if (config != null) {
            JsonObjectBuilder c = Json.createObjectBuilder();
            for (String key : List.of("architectures", "model_type", "torch_dtype", "transformers_version")) {
                if (config.containsKey(key)) {
                    c.add(key, config.get(key));
                }
            }
            hf.add("config", c);
            if (config.get("architectures") instanceof JsonArray a
                    && !a.isEmpty()
                    && a.get(0) instanceof JsonString s) {
                m.add("architecture", s.getString());
            }
            if (config.get("model_type") instanceof JsonString s) {
                m.add("model_type", s.getString());
            }
        }
        m.add("huggingface", hf);
        return m.build();
    }

    private static void addList(JsonObjectBuilder b, String key, List<String> values) {
        if (!values.isEmpty()) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            values.forEach(a::add);
            b.add(key, a);
        }
    }
}
