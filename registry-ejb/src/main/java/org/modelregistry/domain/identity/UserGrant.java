package org.modelregistry.domain.identity;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.identity.Role;

/**
 * What a user account grants whoever signs in with it: whether it may be used at all, registry administration, and
 * the roles it holds per organization. Every authenticated request needs it, so it is what the caller cache keeps;
 * it holds no secret (no password hash, no e-mail).
 *
 * @param memberships every role the user holds, one row per organization and role
 */
public record UserGrant(
        UUID userId, String username, boolean active, boolean registryAdmin, List<OrganizationRole> memberships) {

    /** One role in one organization. */
    public record OrganizationRole(UUID organizationId, Role role) {}

    public UserGrant {
        memberships = List.copyOf(memberships);
    }

    /** The grant of a user with the memberships the database holds for them. */
    public static UserGrant of(User user, List<Membership> rows) {
        List<OrganizationRole> memberships = rows.stream()
                .map(m -> new OrganizationRole(m.getOrganizationId(), m.getRole()))
                .sorted(Comparator.comparing(OrganizationRole::organizationId).thenComparing(OrganizationRole::role))
                .toList();
        return new UserGrant(user.getId(), user.getUsername(), user.isActive(), user.isRegistryAdmin(), memberships);
    }

    /** The caller this grant makes: its roles when the account is active, nothing when it is not. */
    public Caller caller() {
        if (!active) {
            return Caller.unknown(username);
        }
        Map<UUID, Set<Role>> roles = new HashMap<>();
        for (OrganizationRole m : memberships) {
            roles.computeIfAbsent(m.organizationId(), k -> EnumSet.noneOf(Role.class))
                    .add(m.role());
        }
        return new Caller(username, registryAdmin, roles);
    }
}
