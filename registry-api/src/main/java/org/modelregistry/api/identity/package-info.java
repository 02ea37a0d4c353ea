/**
 * Identity: roles, tokens and the authentication service.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.identity;
