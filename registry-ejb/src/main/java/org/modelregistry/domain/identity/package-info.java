/**
 * Users of the registry, their memberships (roles per organization) and how their passwords are kept.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.domain.identity;
