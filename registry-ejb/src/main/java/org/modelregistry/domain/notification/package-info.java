/**
 * Notifications' domain: {@code DomainEvent}s derived from committed audit records ({@code DomainEvents}: types and
 * filters; {@code EventLog}, {@code EventPosition}: each reader's place in the log), {@code WebhookSubscription}s,
 * {@code WebhookDelivery}s with their {@code WebhookDeliveryAttempt}s, {@code MailMessage}s ({@code MailRules}: who
 * hears of what), the state machines of deliveries and mails ({@code RetriedSend}, {@code DeliveryState},
 * {@code MailState}) and how often they are tried ({@code RetryPolicy}), and the repositories that load and store
 * them.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog.
 */
package org.modelregistry.domain.notification;
