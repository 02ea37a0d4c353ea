/**
 * Full-text and faceted search over the catalog.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity.
 */
package org.modelregistry.api.search;
