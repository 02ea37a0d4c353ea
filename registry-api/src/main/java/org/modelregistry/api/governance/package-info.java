/**
 * Governance: the version lifecycle, reviews and approvals.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.api.governance;
