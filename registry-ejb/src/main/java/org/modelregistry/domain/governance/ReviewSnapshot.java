package org.modelregistry.domain.governance;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.catalog.RiskTier;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.Uuid7;

/**
 * What one submission put up for review, taken when the version enters IN_REVIEW and never changed: the model's risk
 * tier and owners, the submitter, the digest of the version's content and the policies then in force. Approvals are
 * counted, expire and are gated by this snapshot, and reviewers are independent of its owners and submitter (judged by
 * {@link ReviewRound}), so changing the model during a review cannot lower the bar of that review.
 */
@Entity
@Table(name = "review_snapshot")
@NamedQuery(
        name = "ReviewSnapshot.findByRound",
        query = "SELECT s FROM ReviewSnapshot s WHERE s.versionId = :versionId AND s.reviewRound = :round")
// "Waiting for my review": the versions in review that ?1 may decide on now, in the organizations ?2 (an array
// literal) where they review, most recently changed first, at most ?3. The same rules as ReviewRound: not the
// submitter, not an owner at submission (the snapshot) or now, no decision yet in the current round. A version that
// entered review before snapshots were kept has none: its submitter and the model's owners now stand in for it, as
// they will when its first decision takes the snapshot. Walks the partial index of versions in review (V26).
@NamedNativeQuery(
        name = "ReviewSnapshot.waitingFor",
        query = "WITH me AS (SELECT CAST(? AS varchar) AS name)"
                + " SELECT v.updated_at, m.id::text, m.model_group, m.name, v.version,"
                + " coalesce(s.risk_tier, m.risk_tier), v.review_round,"
                + " coalesce(s.submitted_by, v.submitted_by, v.updated_by)"
                + " FROM me, model_version v JOIN model m ON m.id = v.model_id"
                + " LEFT JOIN review_snapshot s ON s.version_id = v.id AND s.review_round = v.review_round"
                + " WHERE v.state = 'IN_REVIEW' AND m.organization_id = ANY (CAST(? AS uuid[]))"
                + " AND v.submitted_by IS DISTINCT FROM me.name"
                + " AND coalesce(s.submitted_by, v.submitted_by, v.updated_by) <> me.name"
                + " AND NOT coalesce(s.owners, '[]'::jsonb) @> jsonb_build_array(me.name)"
                + " AND NOT EXISTS (SELECT 1 FROM model_owner o WHERE o.model_id = m.id AND o.owner = me.name)"
                + " AND NOT EXISTS (SELECT 1 FROM approval a WHERE a.version_id = v.id"
                + " AND a.review_round = v.review_round AND a.reviewer = me.name)"
                + " ORDER BY v.updated_at DESC, v.id DESC LIMIT ?")
public class ReviewSnapshot {

    /** A policy in force at submission: its id, name and revision. */
    public record PolicyRef(UUID id, String name, int version) {}

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "version_id", nullable = false, updatable = false)
    private UUID versionId;

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "review_round", nullable = false, updatable = false)
    private int reviewRound;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_tier", nullable = false, updatable = false, length = 16)
    private RiskTier riskTier;

    /** A JSON array of principal names (jsonb). */
    @Column(name = "owners", nullable = false, updatable = false)
    private String owners;

    @Column(name = "submitted_by", nullable = false, updatable = false, length = 128)
    private String submittedBy;

    @Column(name = "content_digest", nullable = false, updatable = false, length = 64)
    private String contentDigest;

    /** A JSON array of {id, name, version} (jsonb). */
    @Column(name = "policies", nullable = false, updatable = false)
    private String policies;

    @Column(name = "taken_at", nullable = false, updatable = false)
    private OffsetDateTime takenAt;

    protected ReviewSnapshot() {
        // for JPA
    }

    /** The snapshot of a version that has just entered review round {@code version.getReviewRound()}. */
    public static ReviewSnapshot take(
            Model model, ModelVersion version, String contentDigest, List<PolicyRef> policiesInForce) {
        ReviewSnapshot s = new ReviewSnapshot();
        s.id = Uuid7.next();
        s.versionId = version.getId();
        s.modelId = model.getId();
        s.reviewRound = version.getReviewRound();
        s.riskTier = model.getRiskTier();
        s.owners = Json.createArrayBuilder(model.getOwners()).build().toString();
        s.submittedBy = version.getSubmittedBy() != null ? version.getSubmittedBy() : version.getUpdatedBy();
        s.contentDigest = contentDigest;
        JsonArrayBuilder refs = Json.createArrayBuilder();
        policiesInForce.forEach(p -> refs.add(Json.createObjectBuilder()
                .add("id", p.id().toString())
                .add("name", p.name())
                .add("version", p.version())));
        s.policies = refs.build().toString();
        s.takenAt = AuditedEntity.now();
        return s;
    }

    public int getReviewRound() {
        return reviewRound;
    }

    public RiskTier getRiskTier() {
        return riskTier;
    }

    public List<String> getOwners() {
        try (JsonReader reader = Json.createReader(new StringReader(owners))) {
            return reader.readArray().getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public String getContentDigest() {
        return contentDigest;
    }

    /** The policies in force at submission, as JSON ({@code [{id, name, version}]}). */
    public JsonArray getPolicies() {
        try (JsonReader reader = Json.createReader(new StringReader(policies))) {
            return reader.readArray();
        }
    }

    /** The policies in force at submission, each at the revision then in force. */
    public List<PolicyRef> getPinnedPolicies() {
        return getPolicies().getValuesAs(JsonObject.class).stream()
                .map(p -> new PolicyRef(UUID.fromString(p.getString("id")), p.getString("name"), p.getInt("version")))
                .toList();
    }

    public OffsetDateTime getTakenAt() {
        return takenAt;
    }
}
