/** Webhook subscriptions to domain events, and their delivery logs. */
package org.modelregistry.api.notification;
