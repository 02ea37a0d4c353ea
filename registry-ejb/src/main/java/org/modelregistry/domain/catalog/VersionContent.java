package org.modelregistry.domain.catalog;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Comparator;
import java.util.List;
import org.modelregistry.domain.shared.CanonicalJson;

/**
 * What reviewers judge of a version: its version string, commit, source, description, metadata, and each artifact
 * with its type, name, URI, digest, size, licence and media type. {@link #digest} is the SHA-256 of that content in
 * canonical JSON: equal content, equal digest, whatever the order artifacts were registered in. Whether an
 * artifact's bytes are uploaded yet is not content (the declared digest is), so uploads do not change it.
 */
public final class VersionContent {

    private VersionContent() {}

    public static String digest(ModelVersion version, List<Artifact> artifacts) {
        JsonObjectBuilder content = Json.createObjectBuilder()
                .add("modelId", version.getModelId().toString())
                .add("version", version.getVersion())
                .add("metadata", version.getMetadata());
        addIfSet(content, "commitSha", version.getCommitSha());
        addIfSet(content, "sourceUri", version.getSourceUri());
        addIfSet(content, "description", version.getDescription());
        JsonArrayBuilder items = Json.createArrayBuilder();
        artifacts.stream()
                .sorted(Comparator.comparing(a -> a.getId().toString()))
                .forEach(a -> items.add(artifact(a)));
        return CanonicalJson.digest(content.add("artifacts", items).build());
    }

    /**
     * An artifact as reviewers and policies see it: id, type, name, and its URI, declared digest, licence, media
     * type and size when set.
     */
    public static JsonObjectBuilder artifact(Artifact a) {
        JsonObjectBuilder item = Json.createObjectBuilder()
                .add("id", a.getId().toString())
                .add("type", a.getType().name())
                .add("name", a.getName());
        addIfSet(item, "uri", a.getUri());
        addIfSet(item, "sha256", a.getSha256());
        addIfSet(item, "license", a.getLicense());
        addIfSet(item, "mediaType", a.getMediaType());
        if (a.getSize() != null) {
            item.add("size", a.getSize());
        }
        return item;
    }

    private static void addIfSet(JsonObjectBuilder b, String key, String value) {
        if (value != null && !value.isEmpty()) {
            b.add(key, value);
        }
    }
}
