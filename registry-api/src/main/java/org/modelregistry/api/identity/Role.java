package org.modelregistry.api.identity;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a member may do in an organization: VIEWER reads the catalog, CONTRIBUTOR registers models, versions and
 * artifacts, REVIEWER approves versions in review, DEPLOYER requests deployments, AUDITOR reads audit logs and exports
 * evidence, ADMIN manages users, policies and configuration.
 */
public enum Role {
    VIEWER,
    CONTRIBUTOR,
    REVIEWER,
    DEPLOYER,
    AUDITOR,
    ADMIN;

    /** The registry roles named among an identity provider's groups; other groups are ignored. */
    public static Set<Role> among(Collection<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : values()) {
            if (groups.contains(role.name())) {
                roles.add(role);
            }
        }
        return roles;
    }
}
