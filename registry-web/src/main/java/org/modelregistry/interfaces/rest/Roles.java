package org.modelregistry.interfaces.rest;

/**
 * Role names for {@code @RolesAllowed} (the values of {@link org.modelregistry.api.identity.Role}): a token's
 * {@code groups} claim carries them.
 */
final class Roles {

    static final String VIEWER = "VIEWER";
    static final String CONTRIBUTOR = "CONTRIBUTOR";
    static final String REVIEWER = "REVIEWER";
    static final String DEPLOYER = "DEPLOYER";
    static final String AUDITOR = "AUDITOR";
    static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
