package org.modelregistry.infrastructure.cache;

import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;
import org.modelregistry.domain.identity.Membership;
import org.modelregistry.domain.identity.User;

/**
 * The JPA entity listener (META-INF/orm.xml) that tells the caller cache whose account a transaction changed: a
 * user (deactivated, made or unmade administrator, created, removed) or one of their memberships (added, removed,
 * role changed). Their entries are emptied on every server when it commits. The registry changes users and
 * memberships only through JPA entities (no bulk JPQL or SQL updates), so every change passes here.
 */
public class IdentityChanges {

    @Inject
    CallerCache callers;

    @PostPersist
    @PostUpdate
    @PostRemove
    void changed(Object entity) {
        if (entity instanceof User user) {
            callers.userChanged(user.getId(), user.getUsername());
        } else if (entity instanceof Membership membership) {
            callers.membershipsChanged(membership.getUserId());
        }
    }
}
