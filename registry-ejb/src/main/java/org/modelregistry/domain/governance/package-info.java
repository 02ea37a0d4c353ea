/**
 * Governance rules: the lifecycle a version moves through, and the approvals a review needs per risk tier.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy, audit.
 */
package org.modelregistry.domain.governance;
