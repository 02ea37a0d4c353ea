package org.modelregistry.interfaces.web.notification;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.notification.CreateWebhookRequest;
import org.modelregistry.api.notification.WebhookDto;
import org.modelregistry.api.notification.WebhookService;
import org.modelregistry.interfaces.web.Messages;

/**
 * Webhook subscriptions in {@code admin.xhtml}. The secret input is write-only (the DTO only says it is set); the
 * service checks the URL against the outbound policy, the event types, and that the caller administers the
 * organization.
 */
@Named
@RequestScoped
public class WebhooksPanel {

    @EJB
    WebhookService webhooks;

    private List<WebhookDto> list;
    private String organization = "default";
    private String name;
    private String url;
    private String secret;
    private String events = "*";
    private String groups;

    public List<WebhookDto> getList() {
        if (list == null) {
            list = webhooks.list();
        }
        return list;
    }

    public void create() {
        WebhookDto created = webhooks.create(
                new CreateWebhookRequest(organization, name, url, secret, split(events), split(groups), true));
        Messages.info("Webhook " + created.name() + " created.");
        name = null;
        url = null;
        list = null;
    }

    public void enable(UUID id, int version, boolean enabled) {
        webhooks.update(
                id,
                (long) version,
                Json.createObjectBuilder().add("enabled", enabled).build());
        Messages.info(enabled ? "Webhook enabled." : "Webhook disabled: nothing is sent to it.");
        list = null;
    }

    private static List<String> split(String values) {
        if (values == null || values.isBlank()) {
            return List.of();
        }
        return Arrays.stream(values.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
    }

    public String getOrganization() {
        return organization;
    }

    public void setOrganization(String organization) {
        this.organization = organization;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** Write-only. */
    public String getSecret() {
        return null;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public String getEvents() {
        return events;
    }

    public void setEvents(String events) {
        this.events = events;
    }

    public String getGroups() {
        return groups;
    }

    public void setGroups(String groups) {
        this.groups = groups;
    }
}
