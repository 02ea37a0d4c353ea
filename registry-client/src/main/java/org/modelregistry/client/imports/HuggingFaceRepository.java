package org.modelregistry.client.imports;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.modelregistry.api.catalog.ArtifactType;

/**
 * A Hugging Face-style model repository on disk: its files (hidden ones such as {@code .git} left out), what each is
 * (weights, the card, configuration, code, other), its card ({@code README.md}) and {@code config.json}. Reading it
 * checks everything before the registry is touched: a symbolic link that leads outside the directory, a special
 * file, a name the registry cannot take, a malformed card or config, or no weights at all refuse the whole import.
 */
public final class HuggingFaceRepository {

    /** The most files one repository may hold. */
    static final int MAX_FILES = 10_000;
    /** config.json is small; a larger one is not a model configuration. */
    static final long MAX_CONFIG_BYTES = 16 << 20;

    /** A file to import: its path relative to the repository ('/'-separated), where it is, what it is, its size. */
    public record RepoFile(String relative, Path path, ArtifactType type, long size) {

        /** Its artifact name. */
        public String name() {
            return Target.artifactName(relative);
        }
    }

    private final Path root;
    private final List<RepoFile> files;
    private final ModelCard card;
    private final JsonObject config;

    private HuggingFaceRepository(Path root, List<RepoFile> files, ModelCard card, JsonObject config) {
        this.root = root;
        this.files = files;
        this.card = card;
        this.config = config;
    }

    public Path root() {
        return root;
    }

    public List<RepoFile> files() {
        return files;
    }

    /** The card's front matter (empty when there is no README.md or it has none). */
    public ModelCard card() {
        return card;
    }

    /** config.json, or null when there is none. */
    public JsonObject config() {
        return config;
    }

    /** Reads and checks the repository at {@code directory}. */
    public static HuggingFaceRepository read(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ImportException(ImportException.Kind.INVALID_INPUT, directory + " is not a directory");
        }
        Path root;
        try {
            root = directory.toRealPath();
        } catch (IOException e) {
            throw new ImportException(ImportException.Kind.INVALID_INPUT, directory + ": " + e.getMessage());
        }
        List<RepoFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (hidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String relative = relative(root, file);
                    Path real = file;
                    if (attrs.isSymbolicLink()) {
                        Path target = Files.readSymbolicLink(file);
                        if (!Files.exists(file)) {
                            throw refused(relative + " is a symbolic link to " + target + ", which does not exist");
                        }
                        real = file.toRealPath();
                        if (!real.startsWith(root)) {
                            throw refused(relative + " is a symbolic link to " + target + ", outside " + root
                                    + ": refused (copy the file into the directory instead)");
                        }
                        if (Files.isDirectory(real)) {
                            return FileVisitResult.CONTINUE; // its files are imported from where they are
                        }
                    }
                    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                        throw refused(relative + " is not a regular file");
                    }
                    if (files.size() >= MAX_FILES) {
                        throw refused("more than " + MAX_FILES + " files in " + root);
                    }
                    if (!Target.ARTIFACT_NAME
                            .matcher(Target.artifactName(relative))
                            .matches()) {
                        throw refused(relative + ": the registry's artifact names allow letters, digits and ._+=@-"
                                + " (a folder's '/' becomes '__'), at most 255 characters");
                    }
                    files.add(new RepoFile(relative, real, typeOf(relative), Files.size(real)));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ImportException(ImportException.Kind.INVALID_INPUT, root + ": " + e.getMessage(), e);
        }
        files.sort(Comparator.comparing(RepoFile::relative));
        if (files.stream().noneMatch(f -> f.type() == ArtifactType.MODEL_WEIGHTS)) {
            throw refused("no weights (*.safetensors, *.bin, *.onnx) in " + root + ": nothing to import");
        }
        ModelCard card = files.stream()
                .filter(f -> f.type() == ArtifactType.MODEL_CARD)
                .findFirst()
                .map(f -> ModelCard.read(f.path()))
                .orElse(ModelCard.parse("README.md", "", 1));
        JsonObject config = files.stream()
                .filter(f -> f.relative().equals("config.json"))
                .findFirst()
                .map(f -> config(f.path()))
                .orElse(null);
        return new HuggingFaceRepository(root, List.copyOf(files), card, config);
    }

    /** What a file is: weights by extension, README.md at the top as the card, configuration and code by name. */
    static ArtifactType typeOf(String relative) {
        String n = relative.toLowerCase(Locale.ROOT);
        String base = n.substring(n.lastIndexOf('/') + 1);
        if (base.endsWith(".safetensors") || base.endsWith(".bin") || base.endsWith(".onnx")) {
            return ArtifactType.MODEL_WEIGHTS;
        }
        if (n.equals("readme.md")) {
            return ArtifactType.MODEL_CARD;
        }
        if (base.endsWith(".json")
                || base.endsWith(".txt")
                || base.endsWith(".model")
                || base.endsWith(".yaml")
                || base.endsWith(".yml")
                || base.startsWith("tokenizer")) {
            return ArtifactType.CONFIG;
        }
        if (base.endsWith(".py")) {
            return ArtifactType.CODE;
        }
        return ArtifactType.OTHER;
    }

    /** config.json: a JSON object; a syntax error names the line and column. */
    static JsonObject config(Path file) {
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw refused("config.json is larger than " + MAX_CONFIG_BYTES + " bytes");
            }
        } catch (IOException e) {
            throw refused("config.json: " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(file);
                JsonReader reader = Json.createReader(in)) {
            JsonValue v = reader.readValue();
            if (v.getValueType() != JsonValue.ValueType.OBJECT) {
                throw refused("config.json: not a JSON object");
            }
            return v.asJsonObject();
        } catch (JsonParsingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNumber() + " column " + at.getColumnNumber();
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT,
                    "config.json" + where + ": malformed JSON: " + e.getMessage(),
                    e);
        } catch (JsonException | IOException e) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT, "config.json: malformed JSON: " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path p) {
        return p.getFileName() != null && p.getFileName().toString().startsWith(".");
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static ImportException refused(String message) {
        return new ImportException(ImportException.Kind.INVALID_INPUT, message);
    }
}
