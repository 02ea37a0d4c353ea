/**
 * The record of every state change (the governance issue chains it into a tamper-evident log).
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, policy.
 */
package org.modelregistry.domain.audit;
