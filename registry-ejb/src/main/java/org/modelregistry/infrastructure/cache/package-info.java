/**
 * The cluster: the Hazelcast member every server runs ({@link ClusterMember}, settings in {@link ClusterSettings}),
 * and what the servers share through it: the read cache of models and versions ({@link CatalogCache}, emptied
 * cluster-wide when a change commits) and the throttles' counters. PostgreSQL stays the source of truth: nothing
 * here is kept that the database cannot give back.
 */
package org.modelregistry.infrastructure.cache;
