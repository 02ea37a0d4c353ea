package org.modelregistry.api.common;

import java.util.List;

/**
 * What {@code GET /api/v1/admin/cluster} shows: the cluster's name, its members as this server sees them (this one
 * first), and this server's read-cache figures since start.
 *
 * @param cacheEnabled whether the read cache is on ({@code registry.cache.enabled})
 * @param modelHits reads of a model answered from the cache
 * @param modelMisses reads of a model that went to the database
 */
public record ClusterStatus(
        String cluster,
        List<ClusterMemberInfo> members,
        boolean cacheEnabled,
        long modelHits,
        long modelMisses,
        long versionHits,
        long versionMisses) {}
