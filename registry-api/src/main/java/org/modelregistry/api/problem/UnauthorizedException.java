package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 401: no identity, or credentials that do not prove one. REST adds {@code WWW-Authenticate: Bearer}. */
public class UnauthorizedException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String detail) {
        super(401, "unauthorized", "Unauthorized", detail, List.of(), Map.of());
    }
}
