package org.modelregistry.api.identity;

import java.io.Serializable;
import java.util.Set;

/**
 * A user whose password the registry has just checked (the console's sign-in): their name and the roles they hold
 * anywhere ({@code ADMIN} for a registry administrator), as a token's {@code groups} would carry them. The roles per
 * organization are read again on every request, so they are not kept here.
 */
public record SignedIn(String username, Set<String> roles) implements Serializable {

    public SignedIn {
        roles = Set.copyOf(roles);
    }
}
