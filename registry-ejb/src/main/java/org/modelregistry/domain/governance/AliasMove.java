package org.modelregistry.domain.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.Uuid7;

/** One move of an alias (or its removal, with no version): the alias history is append-only. */
@Entity
@Table(name = "model_alias_history")
public class AliasMove {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "model_id", nullable = false, updatable = false)
    private UUID modelId;

    @Column(name = "alias", nullable = false, updatable = false, length = 63)
    private String alias;

    // nullable uuid columns are mapped as text: EclipseLink 4.0 fails reading a NULL into a UUID attribute
    @Column(name = "version_id", updatable = false)
    private String versionId;

    @Column(name = "version", updatable = false, length = 128)
    private String version;

    @Column(name = "moved_at", nullable = false, updatable = false)
    private OffsetDateTime movedAt;

    @Column(name = "moved_by", nullable = false, updatable = false, length = 128)
    private String movedBy;

    @Column(name = "approval_id", updatable = false)
    private String approvalId;

    protected AliasMove() {
        // for JPA
    }

    public AliasMove(UUID modelId, String alias, UUID versionId, String version, String movedBy, UUID approvalId) {
        this.id = Uuid7.next();
        this.modelId = modelId;
        this.alias = alias;
        this.versionId = versionId == null ? null : versionId.toString();
        this.version = version;
        this.movedAt = AuditedEntity.now();
        this.movedBy = movedBy;
        this.approvalId = approvalId == null ? null : approvalId.toString();
    }

    public String getAlias() {
        return alias;
    }

    public UUID getVersionId() {
        return versionId == null ? null : UUID.fromString(versionId);
    }

    public String getVersion() {
        return version;
    }

    public OffsetDateTime getMovedAt() {
        return movedAt;
    }

    public String getMovedBy() {
        return movedBy;
    }

    public UUID getApprovalId() {
        return approvalId == null ? null : UUID.fromString(approvalId);
    }
}
