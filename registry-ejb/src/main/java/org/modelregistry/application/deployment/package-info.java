/**
 * The deployment application services: the EJBs that own transactions for deployment targets, deployments of approved
 * versions to them, the calls made and the reports received.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, governance, policy, audit,
 * jobs.
 */
package org.modelregistry.application.deployment;
