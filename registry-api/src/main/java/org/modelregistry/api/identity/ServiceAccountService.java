package org.modelregistry.api.identity;

import java.util.List;
import java.util.UUID;

/** Service accounts and their API keys; registry administrators only. */
public interface ServiceAccountService {

    CreatedServiceAccount create(CreateServiceAccountRequest request);

    List<ServiceAccountDto> list();

    /** Revokes the account's key at once; tokens it obtained stop working on their next request. */
    void revoke(UUID id);
}
