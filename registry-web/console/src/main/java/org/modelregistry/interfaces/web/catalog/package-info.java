/**
 * The catalog's pages, and the dashboard that sums the catalog up for the signed-in person: counts by risk tier and
 * state (from the search index's facets), what waits for their review (governance) and what failed lately
 * (evaluation, deployment, policy), each read through the context's own service.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): governance, policy, evaluation, deployment,
 * search.
 */
package org.modelregistry.interfaces.web.catalog;
