package org.modelregistry.domain.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.UUID;
import org.modelregistry.api.governance.Decision;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.Uuid7;

/** One reviewer's decision in one review round of a version. Immutable once written. */
@Entity
@Table(name = "approval")
@NamedQuery(
        name = "Approval.findByVersion",
        query = "SELECT a FROM Approval a WHERE a.versionId = :versionId ORDER BY a.id")
@NamedQuery(
        name = "Approval.findByRound",
        query = "SELECT a FROM Approval a WHERE a.versionId = :versionId AND a.reviewRound = :round")
public class Approval {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "version_id", nullable = false, updatable = false)
    private UUID versionId;

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "review_round", nullable = false, updatable = false)
    private int reviewRound;

    @Column(name = "reviewer", nullable = false, updatable = false, length = 128)
    private String reviewer;

    @Enumerated(EnumType.STRING)
    @Column(name = "decision", nullable = false, updatable = false, length = 20)
    private Decision decision;

    @Column(name = "comment", updatable = false)
    private String comment;

    @Column(name = "decided_at", nullable = false, updatable = false)
    private OffsetDateTime decidedAt;

    @Column(name = "expires_at", updatable = false)
    private OffsetDateTime expiresAt;

    /** The content digest of the version the reviewer decided on (that of the round's snapshot). */
    @Column(name = "content_digest", updatable = false, length = 64)
    private String contentDigest;

    protected Approval() {
        // for JPA
    }

    public Approval(
            UUID modelId,
            UUID versionId,
            int reviewRound,
            String reviewer,
            Decision decision,
            String comment,
            Period validity,
            String contentDigest) {
        this.id = Uuid7.next();
        this.modelId = modelId;
        this.versionId = versionId;
        this.reviewRound = reviewRound;
        this.reviewer = reviewer;
        this.decision = decision;
        this.comment = comment;
        this.decidedAt = AuditedEntity.now();
        this.expiresAt = decision == Decision.APPROVE && validity != null ? decidedAt.plus(validity) : null;
        this.contentDigest = contentDigest;
    }

    public String getContentDigest() {
        return contentDigest;
    }

    public UUID getId() {
        return id;
    }

    public int getReviewRound() {
        return reviewRound;
    }

    public String getReviewer() {
        return reviewer;
    }

    public Decision getDecision() {
        return decision;
    }

    public String getComment() {
        return comment;
    }

    public OffsetDateTime getDecidedAt() {
        return decidedAt;
    }

    public OffsetDateTime getExpiresAt() {
        return expiresAt;
    }

    /** An approval of a tier with a validity (ApprovalRules) expires; rejections and change requests never do. */
    public boolean isExpired(OffsetDateTime now) {
        return expiresAt != null && expiresAt.isBefore(now);
    }
}
