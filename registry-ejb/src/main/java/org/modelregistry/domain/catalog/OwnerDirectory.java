package org.modelregistry.domain.catalog;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may be named an owner of a model of an organization: an active user who is a member of it (or a registry
 * administrator), or a usable service account of it. Implemented over the identity tables.
 */
public interface OwnerDirectory {

    /** A principal that can own models: its canonical name and its id. */
    record Principal(String name, UUID id) {}

    /** The principal named {@code name} if it may own models of the organization. */
    Optional<Principal> owner(String name, UUID organizationId);
}
