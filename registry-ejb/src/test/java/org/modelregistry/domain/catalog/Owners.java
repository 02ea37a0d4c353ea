package org.modelregistry.domain.catalog;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Owner directories for domain tests. */
public final class Owners {

    /** Every name is a principal of every organization (with an id derived from its name). */
    public static final OwnerDirectory EVERYONE = (name, organization) -> Optional.of(principal(name));

    private Owners() {}

    /** Only these names are principals. */
    public static OwnerDirectory only(String... names) {
        Set<String> known = Set.of(names);
        return (name, organization) -> known.contains(name) ? Optional.of(principal(name)) : Optional.empty();
    }

    private static OwnerDirectory.Principal principal(String name) {
        return new OwnerDirectory.Principal(name, UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }
}
