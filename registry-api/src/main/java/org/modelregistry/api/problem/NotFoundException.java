package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 404: the object does not exist (or, once tenancy is enforced, the caller may not know that it does). */
public class NotFoundException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String what, Object id) {
        super(
                404,
                "not-found",
                "Not found",
                what + " '" + id + "' does not exist",
                List.of(),
                Map.of("resource", what));
    }
}
