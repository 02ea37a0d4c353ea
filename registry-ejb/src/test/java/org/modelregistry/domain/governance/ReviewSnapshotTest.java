package org.modelregistry.domain.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.catalog.CreateModelRequest;
import org.modelregistry.api.catalog.CreateVersionRequest;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.Owners;

class ReviewSnapshotTest {

    private final Model model = Model.register(
            UUID.randomUUID(),
            new CreateModelRequest(null, "g", "m", null, List.of("alice", "rob"), RiskTier.CRITICAL, null),
            "alice",
            Owners.EVERYONE);

    private ModelVersion submitted() {
        ModelVersion v =
                ModelVersion.register(model, new CreateVersionRequest("1.0.0", null, null, null, null), "alice");
        v.requestTransition(VersionState.IN_REVIEW, "alice");
        return v;
    }

    @Test
    void keepsWhatWasSubmitted() {
        ReviewSnapshot s = ReviewSnapshot.take(
                model,
                submitted(),
                "d".repeat(64),
                List.of(new ReviewSnapshot.PolicyRef(UUID.randomUUID(), "model-card", 3)));
        assertThat(s.getRiskTier()).isEqualTo(RiskTier.CRITICAL);
        assertThat(s.getOwners()).containsExactly("alice", "rob");
        assertThat(s.getSubmittedBy()).isEqualTo("alice");
        assertThat(s.getReviewRound()).isEqualTo(1);
        assertThat(s.getPolicies().getJsonObject(0).getString("name")).isEqualTo("model-card");
        assertThat(s.getPolicies().getJsonObject(0).getInt("version")).isEqualTo(3);
    }

    @Test
    void theModelsTierOwnersAndGroupAreFixedDuringAReview() {
        CreateModelRequest lowered =
                new CreateModelRequest(null, "g", "m", null, List.of("alice", "rob"), RiskTier.LOW, null);
        assertThatThrownBy(() -> model.revise(lowered, "alice", "1.0.0", Owners.EVERYONE))
                .isInstanceOfSatisfying(ConflictException.class, e -> {
                    assertThat(e.getMessage()).contains("1.0.0");
                    assertThat(e.errors()).extracting(f -> f.field()).containsExactly("riskTier");
                });
        CreateModelRequest withoutRob =
                new CreateModelRequest(null, "g", "m", null, List.of("alice"), RiskTier.CRITICAL, null);
        assertThatThrownBy(() -> model.revise(withoutRob, "alice", "1.0.0", Owners.EVERYONE))
                .isInstanceOfSatisfying(
                        ConflictException.class,
                        e -> assertThat(e.errors()).extracting(f -> f.field()).containsExactly("owners"));
        CreateModelRequest regrouped =
                new CreateModelRequest(null, "other", "m", null, List.of("alice", "rob"), RiskTier.CRITICAL, null);
        assertThatThrownBy(() -> model.revise(regrouped, "alice", "1.0.0", Owners.EVERYONE))
                .isInstanceOf(ConflictException.class);
        assertThat(model.getRiskTier()).isEqualTo(RiskTier.CRITICAL);
        assertThat(model.getOwners()).containsExactly("alice", "rob");
        // the description, and the owners' order, may change during a review; anything once the review ends
        model.revise(
                new CreateModelRequest(null, "g", "m", "new text", List.of("rob", "alice"), RiskTier.CRITICAL, null),
                "alice",
                "1.0.0",
                Owners.EVERYONE);
        model.revise(lowered, "alice", null, Owners.EVERYONE);
        assertThat(model.getRiskTier()).isEqualTo(RiskTier.LOW);
    }
}
