package org.modelregistry.domain.identity;

import java.util.List;
import java.util.Optional;

/** Loads and stores users and their memberships. */
public interface UserRepository {

    Optional<User> findByUsername(String username);

    List<Membership> memberships(User user);

    void add(Object entity);
}
