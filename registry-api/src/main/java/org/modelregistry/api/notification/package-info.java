/**
 * Webhook subscriptions to domain events ({@code CreateWebhookRequest}, {@code WebhookDto}), and their delivery logs.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.api.notification;
