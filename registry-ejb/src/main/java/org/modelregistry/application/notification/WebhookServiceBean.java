package org.modelregistry.application.notification;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.common.RequestJson;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.notification.WebhookDeliveryDto;
import org.modelregistry.api.notification.WebhookDto;
import org.modelregistry.api.notification.WebhookService;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.PreconditionFailedException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.application.shared.SqlValues;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.notification.DomainEvents;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.Uuid7;
import org.modelregistry.infrastructure.http.OutboundClient;
import org.modelregistry.infrastructure.http.OutboundPolicy;
import org.modelregistry.infrastructure.security.SecretKeys;

/** Webhook subscriptions of an organization: managed by its ADMINs, every change audited. */
@Stateless
@Local(WebhookService.class)
public class WebhookServiceBean implements WebhookService {

    private static final Set<String> STATES = Set.of("PENDING", "DELIVERED", "DEAD");

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelRepository models;

    @Inject
    AuditTrail audit;

    @Inject
    OutboundClient outbound;

    @Inject
    SecretKeys secrets;

    @Override
    public WebhookDto create(JsonObject body) {
        Caller who = caller.get();
        RequestJson json =
                RequestJson.of(body, Set.of("organization", "name", "url", "secret", "events", "groups", "enabled"));
        String orgSlug = json.string("organization");
        String name = json.string("name");
        String url = json.string("url");
        String secret = json.string("secret");
        List<String> events = json.strings("events");
        List<String> groups = json.strings("groups");
        Boolean enabled = json.bool("enabled");
        json.done();
        Organization org = models.organization(orgSlug == null ? "default" : orgSlug)
                .orElseThrow(() -> new InvalidInputException("organization", "no organization " + orgSlug));
        requireAdmin(who, org.getId());
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", name);
        validate(errors, url, true, secret, true, events, true, groups);
        errors.throwIfAny();
        UUID id = Uuid7.next();
        OffsetDateTime now = AuditedEntity.now();
        int inserted = em.createNativeQuery("INSERT INTO webhook_subscription (id, organization_id, name, url, secret,"
                        + " events, model_groups, enabled, created_at, created_by, updated_at, updated_by,"
                        + " secrets_sealed) VALUES (CAST(? AS uuid), CAST(? AS uuid), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, id.toString())
                .setParameter(2, org.getId().toString())
                .setParameter(3, name)
                .setParameter(4, url)
                .setParameter(5, secrets.seal(secret, "webhook_subscription", "secret", id))
                .setParameter(6, String.join(",", events))
                .setParameter(7, groups == null ? "" : String.join(",", groups))
                .setParameter(8, enabled == null || enabled)
                .setParameter(9, now)
                .setParameter(10, who.username())
                .setParameter(11, now)
                .setParameter(12, who.username())
                .executeUpdate();
        if (inserted == 0) { // the name is taken (also when two requests race for it)
            throw new ConflictException("A webhook named " + name + " exists in " + org.getSlug(), "name");
        }
        audit.record(
                who.username(),
                "webhook.created",
                "webhook_subscription",
                id,
                org.getId(),
                Json.createObjectBuilder()
                        .add("name", name)
                        .add("url", url)
                        .add("events", Json.createArrayBuilder(events))
                        .build());
        return get(id);
    }

    private static void requireAdmin(Caller who, UUID organizationId) {
        who.requireVisible(organizationId, "organization", organizationId);
        if (!who.registryAdmin() && !who.has(organizationId, Role.ADMIN)) {
            throw new ForbiddenException("Webhooks are managed by the organization's administrators");
        }
    }

    private void validate(
            FieldErrors errors,
            String url,
            boolean urlRequired,
            String secret,
            boolean secretRequired,
            List<String> events,
            boolean eventsRequired,
            List<String> groups) {
        if (CatalogRules.httpUrl(errors, "url", url, urlRequired)) { // and an address the registry may call
            outbound.refusal(url).ifPresent(why -> errors.add("url", "not called by the registry: " + why));
        }
        CatalogRules.signingSecret(errors, "secret", secret, secretRequired);
        if (events != null) {
            errors.check(
                    !events.isEmpty() && events.stream().allMatch(e -> e.equals("*") || DomainEvents.TYPES.contains(e)),
                    "events",
                    "a non-empty list of " + DomainEvents.TYPES + ", or [\"*\"]");
        } else {
            errors.check(!eventsRequired, "events", "is required: " + DomainEvents.TYPES + ", or [\"*\"]");
        }
        if (groups != null) {
            errors.check(
                    groups.size() <= 50
                            && groups.stream().distinct().count() == groups.size()
                            && groups.stream()
                                    .allMatch(g ->
                                            CatalogRules.DNS_LABEL.matcher(g).matches()),
                    "groups",
                    "at most 50 different model groups");
        }
    }

    private static final String SELECT = "SELECT s.id::text, o.slug, s.name, s.url, s.events, s.model_groups,"
            + " s.enabled, s.row_version, s.created_at, s.created_by, s.updated_at, s.updated_by,"
            + " s.organization_id::text FROM webhook_subscription s JOIN organization o ON o.id = s.organization_id";

    private static WebhookDto dto(Object[] r) {
        return new WebhookDto(
                UUID.fromString((String) r[0]),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                true,
                split((String) r[4]),
                split((String) r[5]),
                (Boolean) r[6],
                ((Number) r[7]).intValue(),
                SqlValues.time(r[8]),
                (String) r[9],
                SqlValues.time(r[10]),
                (String) r[11]);
    }

    private static List<String> split(String s) {
        return s == null || s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    @Override
    public List<WebhookDto> list() {
        Caller who = caller.get();
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                em.createNativeQuery(SELECT + " ORDER BY o.slug, s.name").getResultList();
        return rows.stream()
                .filter(r -> who.registryAdmin() || who.has(UUID.fromString((String) r[12]), Role.ADMIN))
                .map(WebhookServiceBean::dto)
                .toList();
    }

    private Object[] row(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SELECT + " WHERE s.id = CAST(? AS uuid)")
                .setParameter(1, id.toString())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("webhook", id);
        }
        Caller who = caller.get();
        UUID org = UUID.fromString((String) rows.get(0)[12]);
        who.requireVisible(org, "webhook", id);
        requireAdmin(who, org);
        return rows.get(0);
    }

    @Override
    public WebhookDto get(UUID id) {
        return dto(row(id));
    }

    @Override
    public WebhookDto update(UUID id, Long expectedVersion, JsonObject patch) {
        Caller who = caller.get();
        Object[] current = row(id);
        int version = ((Number) current[7]).intValue();
        if (expectedVersion != null && expectedVersion != version) {
            throw new PreconditionFailedException(version);
        }
        for (String readOnly : List.of("id", "organization", "name")) {
            if (patch.containsKey(readOnly)) {
                throw new InvalidInputException(readOnly, "cannot change");
            }
        }
        RequestJson json = RequestJson.of(patch, Set.of("url", "secret", "events", "groups", "enabled"));
        String url = json.string("url");
        String secret = json.string("secret");
        List<String> events = json.strings("events");
        List<String> groups = json.strings("groups");
        Boolean enabled = json.bool("enabled");
        json.done();
        FieldErrors errors = new FieldErrors();
        validate(errors, url, false, secret, false, events, false, groups);
        // the secret was shared with the old receiver: calls signed with it never go to another one
        errors.check(
                url == null || secret != null || OutboundPolicy.sameOrigin((String) current[3], url),
                "secret",
                "a new signing secret is required when the url's scheme, host or port changes (the old one stays"
                        + " with the old receiver)");
        errors.throwIfAny();
        int updated = em.createNativeQuery("UPDATE webhook_subscription SET url = coalesce(?, url), secret ="
                        + " coalesce(?, secret), events = coalesce(?, events), model_groups = coalesce(?, model_groups),"
                        + " enabled = coalesce(?, enabled), row_version = row_version + 1, updated_at = ?, updated_by = ?"
                        + " WHERE id = CAST(? AS uuid) AND row_version = ?")
                .setParameter(1, url)
                .setParameter(2, secrets.seal(secret, "webhook_subscription", "secret", id))
                .setParameter(3, events == null ? null : String.join(",", events))
                .setParameter(4, groups == null ? null : String.join(",", groups))
                .setParameter(5, enabled)
                .setParameter(6, AuditedEntity.now())
                .setParameter(7, who.username())
                .setParameter(8, id.toString())
                .setParameter(9, version)
                .executeUpdate();
        if (updated == 0) {
            throw new PreconditionFailedException("The webhook was changed concurrently; read it again and retry");
        }
        JsonObjectBuilder changes = Json.createObjectBuilder();
        patch.keySet().forEach(k -> changes.add(k, k.equals("secret") ? Json.createValue("(changed)") : patch.get(k)));
        audit.record(
                who.username(),
                "webhook.updated",
                "webhook_subscription",
                id,
                UUID.fromString((String) current[12]),
                Json.createObjectBuilder().add("changes", changes).build());
        return get(id);
    }

    @Override
    public List<WebhookDeliveryDto> deliveries(UUID id, String state, int limit) {
        row(id);
        if (state != null && !STATES.contains(state)) {
            throw new InvalidInputException("state", "one of " + STATES);
        }
        var q = em.createNativeQuery("SELECT d.id::text, d.event_seq, d.event_type, d.state, d.attempts,"
                        + " d.next_attempt_at, d.created_at, d.finished_at, d.payload::text FROM webhook_delivery d WHERE"
                        + " d.subscription_id = CAST(? AS uuid)" + (state == null ? "" : " AND d.state = ?")
                        + " ORDER BY d.event_seq DESC LIMIT " + Math.max(1, Math.min(limit, 500)))
                .setParameter(1, id.toString());
        if (state != null) {
            q.setParameter(2, state);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> attempts = em.createNativeQuery("SELECT a.delivery_id::text, a.attempt, a.started_at,"
                        + " a.duration_ms, a.http_status, a.error FROM webhook_delivery_attempt a WHERE a.delivery_id IN ("
                        + String.join(
                                ",", rows.stream().map(r -> "'" + r[0] + "'").toList()) + ") ORDER BY a.attempt")
                .getResultList();
        Map<String, List<WebhookDeliveryDto.Attempt>> log = new HashMap<>();
        for (Object[] a : attempts) {
            log.computeIfAbsent((String) a[0], k -> new ArrayList<>())
                    .add(new WebhookDeliveryDto.Attempt(
                            ((Number) a[1]).intValue(),
                            SqlValues.time(a[2]),
                            ((Number) a[3]).intValue(),
                            a[4] == null ? null : ((Number) a[4]).intValue(),
                            (String) a[5]));
        }
        return rows.stream()
                .map(r -> new WebhookDeliveryDto(
                        UUID.fromString((String) r[0]),
                        ((Number) r[1]).longValue(),
                        (String) r[2],
                        (String) r[3],
                        ((Number) r[4]).intValue(),
                        "PENDING".equals(r[3]) ? SqlValues.time(r[5]) : null,
                        SqlValues.time(r[6]),
                        SqlValues.time(r[7]),
                        JsonText.parse((String) r[8]),
                        log.getOrDefault((String) r[0], List.of())))
                .toList();
    }
}
