/**
 * The catalog's pages: the model catalog (a lazy, keyset-paged table), registering a model, the model page (details,
 * versions, artifacts, registering a version, uploading an artifact), editing a model, and the download of artifact
 * content. Each calls the catalog's EJB services, which decide what the caller may see and do.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.interfaces.web.catalog;
