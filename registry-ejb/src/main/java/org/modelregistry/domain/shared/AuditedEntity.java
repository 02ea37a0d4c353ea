package org.modelregistry.domain.shared;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Identity, provenance and optimistic locking shared by the catalog's entities. Ids are UUIDv7 (time-ordered);
 * {@code rowVersion} is the revision clients see as the ETag.
 */
@MappedSuperclass
public abstract class AuditedEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 128)
    private String createdBy;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", nullable = false, length = 128)
    private String updatedBy;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected AuditedEntity() {
        // for JPA
    }

    protected AuditedEntity(String actor) {
        this.id = Uuid7.next();
        this.createdAt = now();
        this.createdBy = actor;
        this.updatedAt = createdAt;
        this.updatedBy = actor;
    }

    /** Records who changed the entity and when; call it from every mutating domain method. */
    protected void touch(String actor) {
        this.updatedAt = now();
        this.updatedBy = actor;
    }

    /** Database timestamps hold microseconds: truncate so that what we return is what we read back later. */
    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public UUID getId() {
        return id;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public long getRowVersion() {
        return rowVersion;
    }
}
