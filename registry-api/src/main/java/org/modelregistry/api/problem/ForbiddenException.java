package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 403: the caller may see the object but not do this to it (not an owner, not an administrator). */
public class ForbiddenException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public ForbiddenException(String detail) {
        super(403, "forbidden", "Forbidden", detail, List.of(), Map.of());
    }
}
