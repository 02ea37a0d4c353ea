package org.modelregistry.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.ArtifactType;
import org.modelregistry.api.catalog.CreateArtifactRequest;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.InvalidInputException;

/** The catalog's domain rules, without a container. */
class ModelTest {

    private static final UUID ORG = UUID.randomUUID();

    private static Model model() {
        return Model.register(
                ORG,
                new CreateModelRequest(
                        null, "payments", "fraud", null, null, RiskTier.HIGH, List.of("fraud", "fraud", "xgboost")),
                "alice",
                Owners.EVERYONE);
    }

    @Test
    void theRegistrantOwnsAModelRegisteredWithoutOwnersAndTagsAreDeduplicated() {
        Model m = model();
        assertThat(m.getOwners()).containsExactly("alice");
        assertThat(m.getTags()).containsExactly("fraud", "xgboost");
        assertThat(m.getCreatedBy()).isEqualTo("alice");
        assertThat(m.getId().version()).isEqualTo(7);
    }

    @Test
    void collectsEveryInvalidField() {
        assertThatThrownBy(() -> Model.register(
                        ORG,
                        new CreateModelRequest(
                                null,
                                "Payments",
                                "a_b",
                                "x".repeat(10_001),
                                List.of("ok", "not ok"),
                                null,
                                List.of("-bad")),
                        "alice",
                        Owners.EVERYONE))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactlyInAnyOrder(
                                        "group", "name", "description", "owners[1]", "riskTier", "tags[0]"));
    }

    @Test
    void dnsLabelsAreEnforced() {
        for (String ok : List.of("a", "a-b", "a1", "x".repeat(63))) {
            Model.register(
                    ORG, new CreateModelRequest(null, ok, ok, null, null, RiskTier.LOW, null), "u", Owners.EVERYONE);
        }
        for (String bad : List.of("", "-a", "a-", "A", "a.b", "x".repeat(64))) {
            assertThatThrownBy(() -> Model.register(
                            ORG,
                            new CreateModelRequest(null, bad, "n", null, null, RiskTier.LOW, null),
                            "u",
                            Owners.EVERYONE))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void ownersArePrincipalsStoredByIdNotFreeStrings() {
        OwnerDirectory directory = Owners.only("alice", "bob");
        Model m = Model.register(
                ORG,
                new CreateModelRequest(null, "payments", "fraud", null, List.of("alice"), RiskTier.LOW, null),
                "alice",
                directory);
        // "mallory" has no account yet: naming her an owner now would hand her the model once someone creates it
        assertThatThrownBy(() -> m.revise(
                        new CreateModelRequest(
                                null, "payments", "fraud", null, List.of("alice", "mallory"), RiskTier.LOW, null),
                        "alice",
                        null,
                        directory))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .containsExactly("owners[1]"));
        m.revise(
                new CreateModelRequest(null, "payments", "fraud", null, List.of("alice", "bob"), RiskTier.LOW, null),
                "alice",
                null,
                directory);
        assertThat(m.getOwners()).containsExactly("alice", "bob");
        // a single sign-on principal has no account to look up: it may name itself, nobody else
        String sso = "sso:idp.example.test/carol";
        assertThatThrownBy(() -> m.revise(
                        new CreateModelRequest(
                                null, "payments", "fraud", null, List.of("alice", sso), RiskTier.LOW, null),
                        "alice",
                        null,
                        directory))
                .isInstanceOf(InvalidInputException.class);
        Model own = Model.register(
                ORG, new CreateModelRequest(null, "payments", "sso", null, null, RiskTier.LOW, null), sso, directory);
        assertThat(own.getOwners()).containsExactly(sso);
    }

    @Test
    void aModelKeepsAtLeastOneOwner() {
        Model m = model();
        assertThatThrownBy(() -> m.revise(
                        new CreateModelRequest(null, "payments", "fraud", null, List.of(), RiskTier.HIGH, null),
                        "bob",
                        null,
                        Owners.EVERYONE))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void versionsStartAsDraftAndFreezeWhenTheyLeaveIt() throws Exception {
        Model m = model();
        ModelVersion v = ModelVersion.register(
                m,
                new CreateVersionRequest(
                        "1.0.0",
                        null,
                        Json.createObjectBuilder().add("framework", "torch").build(),
                        null,
                        null),
                "alice");
        assertThat(v.getState()).isEqualTo(VersionState.DRAFT);
        assertThat(v.getMetadata().getString("framework")).isEqualTo("torch");

        var state = ModelVersion.class.getDeclaredField("state");
        state.setAccessible(true);
        state.set(v, VersionState.APPROVED);
        assertThatThrownBy(() -> v.revise(v.editableValues(), "alice")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> Artifact.register(
                        v, new CreateArtifactRequest(ArtifactType.CODE, "a", null, null, null, null, null), "alice"))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void metadataHasASizeLimit() {
        var big = Json.createObjectBuilder()
                .add("blob", "x".repeat(ModelVersion.MAX_METADATA_BYTES))
                .build();
        assertThatThrownBy(() ->
                        ModelVersion.register(model(), new CreateVersionRequest("1.0.0", null, big, null, null), "a"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldError::field)
                                .contains("metadata"));
    }

    @Test
    void uploadedContentMustMatchWhatWasDeclared() {
        ModelVersion v = ModelVersion.register(model(), new CreateVersionRequest("1.0.0", null, null, null, null), "a");
        Artifact a = Artifact.register(
                v,
                new CreateArtifactRequest(ArtifactType.MODEL_WEIGHTS, "w.bin", null, "AA".repeat(32), 10L, "mit", null),
                "a");
        assertThat(a.getSha256()).isEqualTo("aa".repeat(32));
        assertThat(a.getLicense()).isEqualTo("MIT");
        assertThatThrownBy(() -> a.contentStored("bb".repeat(32), 10, null, "a"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.type()).endsWith("digest-mismatch"));
        assertThatThrownBy(() -> a.contentStored("aa".repeat(32), 11, null, "a"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.type()).endsWith("size-mismatch"));
        a.contentStored("aa".repeat(32), 10, "application/x-safetensors", "a");
        assertThat(a.isStored()).isTrue();
        assertThatThrownBy(() -> a.requireUploadable(v)).isInstanceOf(ConflictException.class);
    }

    @Test
    void aReferencedArtifactCannotTakeContent() {
        ModelVersion v = ModelVersion.register(model(), new CreateVersionRequest("1.0.0", null, null, null, null), "a");
        Artifact a = Artifact.register(
                v, new CreateArtifactRequest(ArtifactType.DATASET, "d", "s3://b/k", null, null, null, null), "a");
        assertThatThrownBy(() -> a.requireUploadable(v)).isInstanceOf(ConflictException.class);
    }
}
