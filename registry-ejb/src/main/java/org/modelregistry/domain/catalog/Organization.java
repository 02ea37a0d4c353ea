package org.modelregistry.domain.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

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

    protected Organization() {
        // for JPA
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
}
