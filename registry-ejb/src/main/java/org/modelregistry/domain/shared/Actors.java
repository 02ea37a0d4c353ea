package org.modelregistry.domain.shared;

import java.security.Principal;

/** Names the principal behind a call, as recorded in created_by/updated_by and the audit log. */
public final class Actors {

    /** A call without a principal (start-up work, or a caller the container did not authenticate). */
    public static final String ANONYMOUS = "anonymous";

    private Actors() {}

    public static String name(Principal principal) {
        if (principal == null
                || principal.getName() == null
                || principal.getName().isBlank()
                || "UNAUTHENTICATED".equals(principal.getName())) {
            return ANONYMOUS;
        }
        String name = principal.getName();
        return name.length() > 128 ? name.substring(0, 128) : name;
    }
}
