/**
 * The deployment application services: {@code DeploymentTargetServiceBean} (targets), {@code DeploymentServiceBean}
 * (deployments of approved versions and the targets' reports), {@code DeploymentExecutor} (claims a deployment and
 * calls its target through {@code TargetCaller}, recording each call), {@code CiEventServiceBean} (the CI systems'
 * own events), {@code DeploymentReports} (what a report does, from either), and {@code DeploymentSettings}.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, governance, policy, audit,
 * jobs.
 */
package org.modelregistry.application.deployment;
