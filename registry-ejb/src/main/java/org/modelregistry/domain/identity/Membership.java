package org.modelregistry.domain.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;
import org.modelregistry.api.identity.Role;

/** One role a user holds in one organization; a user may hold several, in several organizations. */
@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
@NamedQuery(name = "Membership.findByUser", query = "SELECT m FROM Membership m WHERE m.userId = :userId")
public class Membership {

    /** Composite key: user, organization, role. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private UUID userId;
        private UUID organizationId;
        private Role role;

        public Key() {}

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(userId, k.userId)
                    && Objects.equals(organizationId, k.organizationId)
                    && role == k.role;
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, organizationId, role);
        }
    }

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Id
    @Column(name = "organization_id")
    private UUID organizationId;

    @Id
    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 16)
    private Role role;

    protected Membership() {
        // for JPA
    }

    public Membership(UUID userId, UUID organizationId, Role role) {
        this.userId = userId;
        this.organizationId = organizationId;
        this.role = role;
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public Role getRole() {
        return role;
    }
}
