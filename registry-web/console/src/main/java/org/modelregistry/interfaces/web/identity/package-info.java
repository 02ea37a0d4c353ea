/**
 * Signing in and out of the console, and the administration of users, their memberships and service accounts.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.web.identity;
