package org.modelregistry.api.problem;

import java.util.List;
import java.util.Map;

/** 507: storing the content would take the organization past its storage quota; nothing was stored. */
public class InsufficientStorageException extends RegistryException {

    private static final long serialVersionUID = 1L;

    public InsufficientStorageException(String organization, long usedBytes, long quotaBytes, long requestedBytes) {
        super(
                507,
                "storage-quota-exceeded",
                "Storage quota exceeded",
                "Organization " + organization + " uses " + usedBytes + " of its " + quotaBytes + " bytes of storage; "
                        + requestedBytes + " more bytes do not fit",
                List.of(new FieldError("content", "exceeds the storage quota of organization " + organization)),
                Map.of(
                        "organization",
                        organization,
                        "usedBytes",
                        usedBytes,
                        "quotaBytes",
                        quotaBytes,
                        "requestedBytes",
                        requestedBytes));
    }
}
