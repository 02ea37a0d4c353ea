/**
 * Deployments of versions to targets (CI/CD systems called by signed webhooks) and their reports, at the callback or
 * as the CI systems' own events ({@code CiEventService}).
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.deployment;
