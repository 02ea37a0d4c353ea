/**
 * The webhooks tab of {@code admin.xhtml}: an organization's subscriptions to the registry's events, created and
 * switched on or off by its administrators; the signing secret is written, never shown back.
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.interfaces.web.notification;
