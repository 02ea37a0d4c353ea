/**
 * The catalog's pages: the model catalog (a lazy, keyset-paged table), registering a model, the model page (details,
 * versions, artifacts, registering a version, uploading an artifact), editing a model, the download of artifact
 * content; and the dashboard that sums the catalog up for the signed-in person: counts by risk tier and state (from
 * the search index's facets), what waits for their review (governance) and what failed lately (evaluation,
 * deployment, policy), each read through the context's own service, which decides what the caller may see and do.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): governance, policy, evaluation, deployment,
 * search.
 */
package org.modelregistry.interfaces.web.catalog;
