/**
 * The deployment targets tab of {@code admin.xhtml}: where deployments are sent, created and switched on or off by
 * an organization's administrators; the signing secret and the token are written, never shown back.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.web.deployment;
