package org.modelregistry.domain.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.shared.AuditedEntity;

/**
 * A subscription of a URL to the domain events of an organization's models: which event types ({@code *} for all),
 * which model groups (none: every group), and the signing secret, stored sealed ({@code SecretKeys}) with the row's
 * id as associated data. Names are unique within the organization; {@code rowVersion} is the ETag.
 */
@Entity
@Table(name = "webhook_subscription")
@NamedNativeQuery(
        name = "WebhookSubscription.insertIfAbsent",
        query =
                "INSERT INTO webhook_subscription (id, organization_id, name, url, secret, events, model_groups, enabled,"
                        + " created_at, created_by, updated_at, updated_by, secrets_sealed) VALUES (CAST(? AS uuid), CAST(? AS"
                        + " uuid), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
@NamedQuery(
        name = "WebhookSubscription.list",
        query = "SELECT s FROM WebhookSubscription s JOIN FETCH s.organization o ORDER BY o.slug, s.name")
@NamedQuery(
        name = "WebhookSubscription.findEnabled",
        query = "SELECT s FROM WebhookSubscription s JOIN FETCH s.organization WHERE s.enabled = true")
public class WebhookSubscription extends AuditedEntity {

    @ManyToOne(optional = false)
    @JoinColumn(name = "organization_id", nullable = false, updatable = false)
    private Organization organization;

    @Column(name = "name", nullable = false, updatable = false, length = 63)
    private String name;

    @Column(name = "url", nullable = false, length = 2048)
    private String url;

    /** Sealed: "sb1:&lt;key id&gt;:&lt;base64url&gt;" (plain only in rows SecretsAtRest has not resealed yet). */
    @Column(name = "secret", nullable = false)
    private String secret;

    /** Comma list of event types, or {@code *}. */
    @Column(name = "events", nullable = false)
    private String events;

    /** Comma list of model groups; empty: every group. */
    @Column(name = "model_groups", nullable = false)
    private String modelGroups;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    /** Whether {@link #secret} is sealed; only SecretsAtRest sets it on rows written before secrets were. */
    @Column(name = "secrets_sealed", nullable = false, updatable = false)
    private boolean secretsSealed;

    protected WebhookSubscription() {
        // for JPA
    }

    /**
     * A new subscription; the caller has validated the values.
     *
     * @param seal seals the secret for the new row's id
     */
    public static WebhookSubscription subscribe(
            Organization organization,
            String name,
            String url,
            List<String> events,
            List<String> groups,
            boolean enabled,
            String actor,
            Function<UUID, String> seal) {
        WebhookSubscription s = new WebhookSubscription(actor);
        s.organization = organization;
        s.name = name;
        s.url = url;
        s.events = String.join(",", events);
        s.modelGroups = groups == null ? "" : String.join(",", groups);
        s.enabled = enabled;
        s.secret = seal.apply(s.getId());
        s.secretsSealed = true;
        return s;
    }

    private WebhookSubscription(String actor) {
        super(actor);
    }

    /**
     * Applies the fields of a merge patch that are given (null: unchanged) and records who changed it.
     *
     * @param sealedSecret the new secret, already sealed for this row, or null
     */
    public void change(
            String newUrl,
            String sealedSecret,
            List<String> newEvents,
            List<String> newGroups,
            Boolean newEnabled,
            String actor) {
        if (newUrl != null) {
            url = newUrl;
        }
        if (sealedSecret != null) {
            secret = sealedSecret;
        }
        if (newEvents != null) {
            events = String.join(",", newEvents);
        }
        if (newGroups != null) {
            modelGroups = String.join(",", newGroups);
        }
        if (newEnabled != null) {
            enabled = newEnabled;
        }
        touch(actor);
    }

    /** Whether this subscription hears of the event: same organization, a type it takes, a group it names. */
    public boolean wants(DomainEvent event) {
        boolean groupOk = modelGroups.isEmpty()
                || (event.modelGroup() != null && groupList().contains(event.modelGroup()));
        return organization.getSlug().equals(event.organization())
                && DomainEvents.accepts(events, event.type())
                && groupOk;
    }

    public Organization getOrganization() {
        return organization;
    }

    public String getName() {
        return name;
    }

    public String getUrl() {
        return url;
    }

    public String getEvents() {
        return events;
    }

    public String getModelGroups() {
        return modelGroups;
    }

    public String getSecret() {
        return secret;
    }

    public boolean isSecretsSealed() {
        return secretsSealed;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public List<String> eventList() {
        return split(events);
    }

    public List<String> groupList() {
        return split(modelGroups);
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }
}
