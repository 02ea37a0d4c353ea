/**
 * Full-text and faceted search over the catalog.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.search;
