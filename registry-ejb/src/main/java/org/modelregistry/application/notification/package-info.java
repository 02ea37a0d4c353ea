/**
 * The notification application services, one job each: {@code WebhookServiceBean} (subscriptions and their logs),
 * {@code NotificationRelay} (the timer that runs a round), {@code NotificationFanOut} (events to deliveries and
 * mails), {@code WebhookDispatcher} and {@code MailDispatcher} (claim, send, record), {@code EventTopicRelay} (events
 * to the topic); the ports the infrastructure implements ({@code WebhookSender}, {@code MailSender},
 * {@code EventPublisher}); and their settings ({@code NotificationSettings}, {@code MailSettings}).
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): catalog, identity, audit, jobs.
 */
package org.modelregistry.application.notification;
