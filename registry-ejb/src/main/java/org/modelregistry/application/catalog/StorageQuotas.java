package org.modelregistry.application.catalog;

import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.UUID;
import org.modelregistry.api.identity.StorageUsageDto;
import org.modelregistry.api.problem.InsufficientStorageException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;

/**
 * Storage quotas of organizations: the sum of the sizes of their stored artifacts against their own quota or the
 * installation's default ({@code registry.storage.quota-bytes}, 0 = unlimited). Content that is already in the blob
 * store under another artifact still counts: the quota is what the organization asked to keep.
 */
@Stateless
@LocalBean
public class StorageQuotas {

    @Inject
    ModelRepository models;

    @Inject
    StorageSettings settings;

    public StorageUsageDto usage(Organization org) {
        return new StorageUsageDto(
                org.getSlug(),
                used(org.getId()),
                org.storageQuota(settings.storageQuotaBytes()),
                org.getStorageQuotaBytes() == null ? "default" : "organization");
    }

    /** Bytes still free for the organization, {@link Long#MAX_VALUE} when unlimited. */
    public long remaining(UUID organizationId) {
        Organization org = organization(organizationId, false);
        long quota = org.storageQuota(settings.storageQuotaBytes());
        return quota == 0 ? Long.MAX_VALUE : Math.max(0, quota - used(organizationId));
    }

    /**
     * Refuses (507) content of {@code bytes} that would take the organization past its quota. With {@code lock} the
     * organization's row stays locked until the caller's transaction ends, so that two concurrent uploads cannot
     * both fit in the same free space.
     */
    public void require(UUID organizationId, long bytes, boolean lock) {
        Organization org = organization(organizationId, lock);
        long quota = org.storageQuota(settings.storageQuotaBytes());
        if (quota == 0) {
            return;
        }
        long used = used(organizationId);
        if (bytes > quota - used) {
            throw new InsufficientStorageException(org.getSlug(), used, quota, bytes);
        }
    }

    private Organization organization(UUID id, boolean lock) {
        return (lock ? models.lockOrganization(id) : models.organization(id))
                .orElseThrow(() -> new NotFoundException("organization", id));
    }

    private long used(UUID organizationId) {
        return models.storedBytes(organizationId);
    }
}
