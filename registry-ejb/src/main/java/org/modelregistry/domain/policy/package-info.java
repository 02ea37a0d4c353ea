/**
 * The policy engine: CEL rules over a documented input that gate lifecycle transitions.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.domain.policy;
