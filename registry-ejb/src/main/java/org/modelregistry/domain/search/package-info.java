/**
 * The search domain: entities, value objects and rules for the full-text and faceted index of the catalog, its
 * rebuilds and recent searches, with no container needed to test them.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.domain.search;
