/**
 * Domain events derived from the audit log, who hears of them, and how often a failed delivery is tried again.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, audit, jobs.
 */
package org.modelregistry.domain.notification;
