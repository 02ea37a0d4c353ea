/**
 * The console's governance pages: a version with its reviews, evaluations, policy results and deployments, and the
 * actions on it (submit, withdraw, decide, deploy, deprecate); the aliases of a model, their history, and what an alias
 * named at a given time and who approved it.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, deployment, evaluation, identity,
 * policy.
 */
package org.modelregistry.interfaces.web.governance;
