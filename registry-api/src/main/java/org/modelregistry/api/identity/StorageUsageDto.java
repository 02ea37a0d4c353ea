package org.modelregistry.api.identity;

/**
 * The artifact content an organization stores and its quota: {@code quotaBytes} 0 means unlimited;
 * {@code quotaSource} says whether it is the installation's default or set for this organization.
 */
public record StorageUsageDto(String organization, long usedBytes, long quotaBytes, String quotaSource) {}
