/**
 * Identity: roles, tokens and the authentication service.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, audit.
 */
package org.modelregistry.api.identity;
