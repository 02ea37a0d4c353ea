package org.modelregistry.interfaces.rest;

/**
 * Role names for {@code @RolesAllowed} (the values of {@link org.modelregistry.api.identity.Role}): a token's
 * {@code groups} claim carries them.
 */
public final class Roles {

    public static final String VIEWER = "VIEWER";
    public static final String CONTRIBUTOR = "CONTRIBUTOR";
    public static final String REVIEWER = "REVIEWER";
    public static final String DEPLOYER = "DEPLOYER";
    public static final String AUDITOR = "AUDITOR";
    public static final String ADMIN = "ADMIN";

    private Roles() {}
}
