/**
 * The search application services: the EJBs that own transactions for the full-text and faceted index of the catalog,
 * its rebuilds and recent searches.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity.
 */
package org.modelregistry.application.search;
