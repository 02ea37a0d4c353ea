/**
 * Webhook subscriptions to domain events, and their delivery logs.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, audit, jobs.
 */
package org.modelregistry.api.notification;
