/**
 * Deployments and their targets: the {@code Deployment} entity and its state machine ({@code DeploymentState}:
 * request, claim, dispatched, release, report, fail), {@code DeploymentTarget} (a CI/CD system, its sealed
 * credentials and settings), the calls made to targets ({@code DeploymentCall}), their repositories' interfaces, the
 * payload formats of CI/CD systems, the per-target circuit breaker, and the CI systems' events that report back
 * ({@code CiSignatures} verifies them, {@code CiEventParser} reads them into a {@code CiEvent}).
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.domain.deployment;
