package org.modelregistry.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.Uuid7;

/**
 * A tenant. Every model belongs to exactly one organization; the identity issue adds memberships and enforces
 * that nobody sees another organization's objects. The migration creates the {@code default} organization.
 */
@Entity
@Table(name = "organization")
@NamedQuery(name = "Organization.findBySlug", query = "SELECT o FROM Organization o WHERE o.slug = :slug")
public class Organization {

    public static final String DEFAULT_SLUG = "default";

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "slug", nullable = false, unique = true, length = 63)
    private String slug;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    /** Null: the installation's default quota; 0: unlimited. */
    @Column(name = "storage_quota_bytes")
    private Long storageQuotaBytes;

    protected Organization() {
        // for JPA
    }

    /** A new organization; its slug is a DNS label, as model names are. */
    public Organization(String slug, String displayName) {
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "slug", slug);
        errors.check(
                displayName == null || displayName.length() <= 200, "displayName", "must be at most 200 characters");
        errors.throwIfAny();
        this.id = Uuid7.next();
        this.slug = slug;
        this.displayName = displayName == null || displayName.isBlank() ? slug : displayName;
        this.createdAt = AuditedEntity.now();
    }

    public UUID getId() {
        return id;
    }

    public String getSlug() {
        return slug;
    }

    public String getDisplayName() {
        return displayName;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public Long getStorageQuotaBytes() {
        return storageQuotaBytes;
    }

    /** Sets this organization's own storage quota (0 = unlimited), or null to fall back to the default. */
    public void limitStorage(Long quotaBytes) {
        FieldErrors errors = new FieldErrors();
        errors.check(quotaBytes == null || quotaBytes >= 0, "quotaBytes", "must be 0 (unlimited) or more bytes");
        errors.throwIfAny();
        this.storageQuotaBytes = quotaBytes;
    }

    /** The quota that applies, given the installation's default. */
    public long storageQuota(long defaultQuotaBytes) {
        return storageQuotaBytes != null ? storageQuotaBytes : defaultQuotaBytes;
    }
}
