package org.modelregistry.application;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.identity.Role;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.identity.Membership;
import org.modelregistry.domain.identity.ServiceAccount;
import org.modelregistry.domain.identity.User;
import org.modelregistry.domain.identity.UserRepository;
import org.modelregistry.domain.shared.Actors;

/**
 * The caller of the current request with their memberships, loaded once per request from the database (so a
 * membership or a deactivation takes effect without waiting for tokens to expire).
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    Principal principal;

    @Inject
    UserRepository users;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            String name = Actors.name(principal);
            if (name.startsWith(ServiceAccount.PRINCIPAL_PREFIX)) {
                caller = users.serviceAccountByName(name.substring(ServiceAccount.PRINCIPAL_PREFIX.length()))
                        .filter(ServiceAccount::isUsable)
                        .map(sa -> new Caller(name, false, Map.of(sa.getOrganizationId(), Set.of(sa.getRole()))))
                        .orElseGet(() -> Caller.unknown(name));
            } else {
                caller = users.findByUsername(name).filter(User::isActive).map(this::load)
                        .orElseGet(() -> Caller.unknown(name));
            }
        }
        return caller;
    }

    private Caller load(User user) {
        Map<UUID, Set<Role>> roles = new HashMap<>();
        for (Membership m : users.memberships(user)) {
            roles.computeIfAbsent(m.getOrganizationId(), k -> EnumSet.noneOf(Role.class)).add(m.getRole());
        }
        return new Caller(user.getUsername(), user.isRegistryAdmin(), roles);
    }
}
