package org.modelregistry.domain.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Loads and stores users and their memberships. */
public interface UserRepository {

    Optional<User> findByUsername(String username);

    /**
     * Waits until no other server is creating the first administrator, and holds that turn until the transaction ends:
     * servers starting together on an empty database create it once.
     */
    void awaitBootstrapTurn();

    List<Membership> memberships(User user);

    Optional<User> find(UUID id);

    List<User> list(int limit);

    /** Replaces every membership of the user. */
    void replaceMemberships(User user, List<Membership> memberships);

    Optional<ServiceAccount> serviceAccountByPrefix(String keyPrefix);

    Optional<ServiceAccount> serviceAccountByName(String name);

    Optional<ServiceAccount> serviceAccount(UUID id);

    List<ServiceAccount> serviceAccounts();

    void add(Object entity);

    void flush();
}
