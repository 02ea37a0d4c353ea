package org.modelregistry.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;

class VersionContentTest {

    private final Model model = Model.register(
            UUID.randomUUID(),
            new CreateModelRequest(null, "g", "m", null, null, RiskTier.HIGH, null),
            "alice",
            Owners.EVERYONE);

    private ModelVersion version(String commit, String metadataValue) {
        return ModelVersion.register(
                model,
                new CreateVersionRequest(
                        "1.0.0",
                        commit,
                        Json.createObjectBuilder()
                                .add("b", 1)
                                .add("a", metadataValue)
                                .build(),
                        "text",
                        null),
                "alice");
    }

    private static Artifact artifact(ModelVersion v, String name, String sha256) {
        return Artifact.register(
                v,
                new CreateArtifactRequest(
                        ArtifactType.MODEL_WEIGHTS, name, "s3://bucket/" + name, sha256, 10L, "Apache-2.0", null),
                "alice");
    }

    @Test
    void everyPartOfTheContentChangesTheDigest() {
        ModelVersion v = version("a".repeat(40), "x");
        Artifact weights = artifact(v, "w.bin", "1".repeat(64));
        String digest = VersionContent.digest(v, List.of(weights));
        assertThat(digest).matches("[0-9a-f]{64}");
        assertThat(VersionContent.digest(v, List.of(weights))).isEqualTo(digest);
        assertThat(VersionContent.digest(v, List.of())).isNotEqualTo(digest);
        assertThat(VersionContent.digest(version("b".repeat(40), "x"), List.of(weights)))
                .isNotEqualTo(digest);
        assertThat(VersionContent.digest(version("a".repeat(40), "y"), List.of(weights)))
                .isNotEqualTo(digest);
        assertThat(VersionContent.digest(v, List.of(artifact(v, "w.bin", "2".repeat(64)))))
                .isNotEqualTo(digest);
    }

    @Test
    void theOrderArtifactsAreListedInDoesNotMatter() {
        ModelVersion v = version(null, "x");
        List<Artifact> artifacts =
                new ArrayList<>(List.of(artifact(v, "a.bin", "1".repeat(64)), artifact(v, "b.bin", "2".repeat(64))));
        String digest = VersionContent.digest(v, artifacts);
        assertThat(VersionContent.digest(v, List.of(artifacts.get(1), artifacts.get(0))))
                .isEqualTo(digest);
    }
}
