/**
 * The notification application services: the EJBs that own transactions for webhook subscriptions and deliveries,
 * mails, and the domain events they carry.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, audit, jobs.
 */
package org.modelregistry.application.notification;
