package org.modelregistry.infrastructure.cache;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.modelregistry.domain.identity.UserGrant;

/**
 * What every authenticated request needs to know about its caller's account (active or not, registry administrator,
 * roles per organization), kept by user so that a request does not read the user and their memberships from
 * PostgreSQL each time. A change to a user or to their memberships empties their entry on every server when it
 * commits, before the change's request returns: the very next request of that user sees the change.
 */
public interface CallerCache {

    /** The grant of the user with this name: the cached one, else what {@code load} reads (then kept). */
    Optional<UserGrant> user(String username, Supplier<Optional<UserGrant>> load);

    /** Empties what is kept of a user (found by id and by name) on every server once the transaction commits. */
    void userChanged(UUID userId, String username);

    /** Empties what is kept of a user's grant on every server once the transaction commits. */
    void membershipsChanged(UUID userId);
}
