package org.modelregistry.application.notification;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.modelregistry.api.common.RequestJson;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.notification.CreateWebhookRequest;
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
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.notification.DeliveryState;
import org.modelregistry.domain.notification.DomainEvents;
import org.modelregistry.domain.notification.WebhookDelivery;
import org.modelregistry.domain.notification.WebhookDeliveryAttempt;
import org.modelregistry.domain.notification.WebhookDeliveryRepository;
import org.modelregistry.domain.notification.WebhookSubscription;
import org.modelregistry.domain.notification.WebhookSubscriptionRepository;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.infrastructure.http.OutboundClient;
import org.modelregistry.infrastructure.http.OutboundPolicy;
import org.modelregistry.infrastructure.security.SecretKeys;

/** Webhook subscriptions of an organization: managed by its ADMINs, every change audited. */
@Stateless
@Local(WebhookService.class)
public class WebhookServiceBean implements WebhookService {

    private static final String TABLE = "webhook_subscription";

    @Inject
    CurrentCaller caller;

    @Inject
    ModelRepository models;

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    AuditTrail audit;

    @Inject
    OutboundClient outbound;

    @Inject
    SecretKeys secrets;

    @Override
    public WebhookDto create(CreateWebhookRequest request) {
        Caller who = caller.get();
        String orgSlug = request.organization();
        Organization org = models.organization(orgSlug == null ? Organization.DEFAULT_SLUG : orgSlug)
                .orElseThrow(() -> new InvalidInputException("organization", "no organization " + orgSlug));
        requireAdmin(who, org.getId());
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", request.name());
        validate(errors, request.url(), true, request.secret(), true, request.events(), true, request.groups());
        errors.throwIfAny();
        WebhookSubscription subscription = WebhookSubscription.subscribe(
                org,
                request.name(),
                request.url(),
                request.events(),
                request.groups(),
                request.startsEnabled(),
                who.username(),
                id -> secrets.seal(request.secret(), TABLE, "secret", id));
        if (!subscriptions.add(subscription)) { // the name is taken (also when two requests race for it)
            throw new ConflictException("A webhook named " + request.name() + " exists in " + org.getSlug(), "name");
        }
        audit.record(
                who.username(),
                "webhook.created",
                TABLE,
                subscription.getId(),
                org.getId(),
                Json.createObjectBuilder()
                        .add("name", request.name())
                        .add("url", request.url())
                        .add("events", Json.createArrayBuilder(request.events()))
                        .build());
        return get(subscription.getId());
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

    private static WebhookDto dto(WebhookSubscription s) {
        return new WebhookDto(
                s.getId(),
                s.getOrganization().getSlug(),
                s.getName(),
                s.getUrl(),
                true,
                s.eventList(),
                s.groupList(),
                s.isEnabled(),
                (int) s.getRowVersion(),
                s.getCreatedAt(),
                s.getCreatedBy(),
                s.getUpdatedAt(),
                s.getUpdatedBy());
    }

    @Override
    public List<WebhookDto> list() {
        Caller who = caller.get();
        return subscriptions.list().stream()
                .filter(s -> who.registryAdmin() || who.has(s.getOrganization().getId(), Role.ADMIN))
                .map(WebhookServiceBean::dto)
                .toList();
    }

    /** The subscription, if the caller administers its organization. */
    private WebhookSubscription subscription(UUID id) {
        WebhookSubscription s = subscriptions.find(id).orElseThrow(() -> new NotFoundException("webhook", id));
        Caller who = caller.get();
        UUID org = s.getOrganization().getId();
        who.requireVisible(org, "webhook", id);
        requireAdmin(who, org);
        return s;
    }

    @Override
    public WebhookDto get(UUID id) {
        return dto(subscription(id));
    }

    @Override
    public WebhookDto update(UUID id, Long expectedVersion, JsonObject patch) {
        Caller who = caller.get();
        WebhookSubscription current = subscription(id);
        long version = current.getRowVersion();
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
                url == null || secret != null || OutboundPolicy.sameOrigin(current.getUrl(), url),
                "secret",
                "a new signing secret is required when the url's scheme, host or port changes (the old one stays"
                        + " with the old receiver)");
        errors.throwIfAny();
        current.change(url, secrets.seal(secret, TABLE, "secret", id), events, groups, enabled, who.username());
        if (!subscriptions.flush()) {
            throw new PreconditionFailedException("The webhook was changed concurrently; read it again and retry");
        }
        JsonObjectBuilder changes = Json.createObjectBuilder();
        patch.keySet().forEach(k -> changes.add(k, k.equals("secret") ? Json.createValue("(changed)") : patch.get(k)));
        audit.record(
                who.username(),
                "webhook.updated",
                TABLE,
                id,
                current.getOrganization().getId(),
                Json.createObjectBuilder().add("changes", changes).build());
        return dto(current);
    }

    @Override
    public List<WebhookDeliveryDto> deliveries(UUID id, String state, int limit) {
        subscription(id);
        DeliveryState filter = null;
        if (state != null) {
            filter = Arrays.stream(DeliveryState.values())
                    .filter(s -> s.name().equals(state))
                    .findFirst()
                    .orElseThrow(() ->
                            new InvalidInputException("state", "one of " + Arrays.toString(DeliveryState.values())));
        }
        List<WebhookDelivery> rows = deliveries.log(id, filter, Math.max(1, Math.min(limit, 500)));
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<WebhookDeliveryDto.Attempt>> log = new HashMap<>();
        for (WebhookDeliveryAttempt a :
                deliveries.attempts(rows.stream().map(WebhookDelivery::getId).toList())) {
            log.computeIfAbsent(a.getDeliveryId(), k -> new ArrayList<>())
                    .add(new WebhookDeliveryDto.Attempt(
                            a.getAttempt(), a.getStartedAt(), a.getDurationMs(), a.getHttpStatus(), a.getError()));
        }
        return rows.stream()
                .map(d -> new WebhookDeliveryDto(
                        d.getId(),
                        d.getEventSeq(),
                        d.getEventType(),
                        d.getState().name(),
                        d.getAttempts(),
                        d.isPending() ? d.getNextAttemptAt() : null,
                        d.getCreatedAt(),
                        d.getFinishedAt(),
                        JsonText.parse(d.getPayload()),
                        log.getOrDefault(d.getId(), List.of())))
                .toList();
    }
}
