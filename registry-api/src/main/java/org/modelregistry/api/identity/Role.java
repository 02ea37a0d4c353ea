package org.modelregistry.api.identity;

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
    ADMIN
}
