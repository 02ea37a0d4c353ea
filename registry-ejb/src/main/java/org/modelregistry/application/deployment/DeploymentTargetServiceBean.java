package org.modelregistry.application.deployment;

import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.common.RequestJson;
import org.modelregistry.api.deployment.CreateDeploymentTargetRequest;
import org.modelregistry.api.deployment.DeploymentTargetDto;
import org.modelregistry.api.deployment.DeploymentTargetService;
import org.modelregistry.api.identity.Role;
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
import org.modelregistry.domain.deployment.DeploymentTarget;
import org.modelregistry.domain.deployment.DeploymentTargetRepository;
import org.modelregistry.domain.deployment.WebhookPayloads;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.infrastructure.http.OutboundClient;
import org.modelregistry.infrastructure.http.OutboundPolicy;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Deployment targets, managed by their organization's administrators: defined, listed, read and changed by merge
 * patch. Credentials are sealed before they are stored and never shown again; a URL moved to another receiver
 * leaves the old credentials behind, and a changed target starts with a closed circuit breaker.
 */
@Stateless
@Local(DeploymentTargetService.class)
public class DeploymentTargetServiceBean implements DeploymentTargetService {

    private static final Pattern SETTING_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9]{0,31}$");
    private static final int MAX_TOKEN = 1024;

    @Inject
    DeploymentTargetRepository targets;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelRepository models;

    @Inject
    AuditTrail audit;

    @Inject
    TargetCircuits circuits;

    @Inject
    OutboundClient outbound;

    @Inject
    SecretKeys secrets;

    @Override
    public DeploymentTargetDto createTarget(CreateDeploymentTargetRequest r) {
        Caller who = caller.get();
        Organization org = models.organization(r.organization() == null ? "default" : r.organization())
                .orElseThrow(() -> new InvalidInputException("organization", "no organization " + r.organization()));
        requireAdmin(who, org.getId(), org.getSlug());
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", r.name());
        errors.check(
                r.environment() != null && DeploymentTarget.ENVIRONMENTS.contains(r.environment()),
                "environment",
                "one of " + DeploymentTarget.ENVIRONMENTS);
        errors.check(
                r.kind() == null || r.kind().equals(DeploymentTarget.WEBHOOK),
                "kind",
                "WEBHOOK (the only kind so far)");
        format(errors, r.format());
        url(errors, r.url());
        CatalogRules.signingSecret(errors, "secret", r.secret(), true);
        eventSecret(errors, r.eventSecret());
        token(errors, r.token());
        settings(errors, r.settings());
        errors.throwIfAny();
        DeploymentTarget target = DeploymentTarget.define(org.getId(), r, who.username(), this::seal);
        if (!targets.add(target)) {
            throw new ConflictException(
                    "A deployment target named " + r.name() + " exists in " + org.getSlug(), "name");
        }
        audit.record(
                who.username(),
                "deployment-target.created",
                "deployment_target",
                target.getId(),
                org.getId(),
                Json.createObjectBuilder()
                        .add("name", target.getName())
                        .add("environment", target.getEnvironment())
                        .add("format", target.getFormat())
                        .add("url", target.getUrl())
                        .build());
        return target(target.getId());
    }

    private String seal(String plain, String column, UUID targetId) {
        return secrets.seal(plain, "deployment_target", column, targetId);
    }

    private static void requireAdmin(Caller who, UUID organizationId, String slug) {
        who.requireVisible(organizationId, "organization", slug);
        if (!who.registryAdmin() && !who.has(organizationId, Role.ADMIN)) {
            throw new ForbiddenException("Deployment targets are managed by the organization's administrators");
        }
    }

    private static void format(FieldErrors errors, String format) {
        errors.check(
                format == null || WebhookPayloads.FORMATS.contains(format),
                "format",
                "one of " + WebhookPayloads.FORMATS);
    }

    /** A target URL: well-formed, and to an address the registry may call (the outbound host policy). */
    private void url(FieldErrors errors, String url) {
        if (CatalogRules.httpUrl(errors, "url", url, true)) {
            outbound.refusal(url).ifPresent(why -> errors.add("url", "not called by the registry: " + why));
        }
    }

    private static void token(FieldErrors errors, String token) {
        errors.check(
                token == null
                        || (!token.isBlank()
                                && token.length() <= MAX_TOKEN
                                && token.chars().allMatch(c -> c >= 0x20 && c < 0x7f)),
                "token",
                "1 to " + MAX_TOKEN + " printable ASCII characters (it goes into an HTTP header)");
    }

    /** Sent by GitLab and Jenkins in a header as it is: printable ASCII, long enough not to be guessed. */
    private static void eventSecret(FieldErrors errors, String secret) {
        errors.check(
                secret == null
                        || (secret.length() >= 16
                                && secret.length() <= 256
                                && secret.chars().allMatch(c -> c > 0x20 && c < 0x7f)),
                "eventSecret",
                "16 to 256 printable ASCII characters without spaces (GitLab and Jenkins send it in a header)");
    }

    private static void settings(FieldErrors errors, JsonObject settings) {
        if (settings == null) {
            return;
        }
        errors.check(settings.size() <= 20, "settings", "at most 20 settings");
        settings.forEach((k, v) -> {
            if (v.getValueType() == JsonValue.ValueType.NULL) {
                return; // removes the setting (merge patch)
            }
            errors.check(
                    SETTING_KEY.matcher(k).matches()
                            && v.getValueType() == JsonValue.ValueType.STRING
                            && v.toString().length() <= 512
                            && !"\"(set)\"".equals(v.toString()),
                    "settings." + k,
                    "a setting is a short camelCase name with a string value of at most 510"
                            + " characters (not \"(set)\", the mask of a credential)");
        });
    }

    @Override
    public List<DeploymentTargetDto> targets() {
        return targets.list(caller.get().visibleOrganizations()).stream()
                .map(this::dto)
                .toList();
    }

    @Override
    public DeploymentTargetDto target(UUID id) {
        return dto(visible(id));
    }

    private DeploymentTarget visible(UUID id) {
        DeploymentTarget target = targets.find(id).orElseThrow(() -> new NotFoundException("deployment target", id));
        caller.get().requireVisible(target.getOrganizationId(), "deployment target", id);
        return target;
    }

    private DeploymentTargetDto dto(DeploymentTarget t) {
        return new DeploymentTargetDto(
                t.getId(),
                models.organization(t.getOrganizationId()).orElseThrow().getSlug(),
                t.getName(),
                t.getEnvironment(),
                t.getKind(),
                t.getFormat(),
                t.getUrl(),
                true,
                t.hasToken(),
                t.hasEventSecret(),
                DeploymentTarget.masked(JsonText.parse(t.getSettings())),
                t.isEnabled(),
                (int) t.getRowVersion(),
                t.getCreatedAt(),
                t.getCreatedBy(),
                t.getUpdatedAt(),
                t.getUpdatedBy());
    }

    @Override
    public DeploymentTargetDto updateTarget(UUID id, Long expectedVersion, JsonObject patch) {
        Caller who = caller.get();
        DeploymentTarget target = visible(id);
        String organization =
                models.organization(target.getOrganizationId()).orElseThrow().getSlug();
        requireAdmin(who, target.getOrganizationId(), organization);
        if (expectedVersion != null && expectedVersion != target.getRowVersion()) {
            throw new PreconditionFailedException(target.getRowVersion());
        }
        for (String readOnly : List.of("id", "organization", "name", "environment", "kind")) {
            if (patch.containsKey(readOnly)) {
                throw new InvalidInputException(readOnly, "cannot change: create another target instead");
            }
        }
        RequestJson json =
                RequestJson.of(patch, Set.of("format", "url", "secret", "token", "settings", "enabled", "eventSecret"));
        String format = json.string("format");
        String url = json.string("url");
        String secret = json.string("secret");
        String token = json.string("token");
        JsonObject settings = json.jsonObject("settings");
        Boolean enabled = json.bool("enabled");
        String eventSecret = json.string("eventSecret");
        json.done();
        FieldErrors errors = new FieldErrors();
        format(errors, format);
        if (url != null) {
            url(errors, url);
        }
        // the credentials were given for the old receiver: they never follow the URL to another one
        boolean moved = url != null && !OutboundPolicy.sameOrigin(target.getUrl(), url);
        errors.check(
                !moved || secret != null,
                "secret",
                "a new signing secret is required when the url's scheme,"
                        + " host or port changes (the old one stays with the old receiver)");
        CatalogRules.signingSecret(errors, "secret", secret, false);
        token(errors, token);
        eventSecret(errors, eventSecret);
        settings(errors, settings);
        errors.throwIfAny();
        boolean clearEventSecret =
                patch.containsKey("eventSecret") && patch.get("eventSecret").getValueType() == JsonValue.ValueType.NULL;
        List<String> cleared = new ArrayList<>();
        boolean clearToken =
                patch.containsKey("token") && patch.get("token").getValueType() == JsonValue.ValueType.NULL;
        if (moved && token == null && target.hasToken()) {
            clearToken = true;
            cleared.add("token");
        }
        JsonObject merged = null;
        if (settings != null || moved) { // a merge patch of the stored settings: what it does not name stays
            JsonObject stored = JsonText.parse(target.getSettings());
            merged = settings == null
                    ? stored
                    : Json.createMergePatch(settings).apply(stored).asJsonObject();
            JsonObject given = settings == null ? JsonValue.EMPTY_JSON_OBJECT : settings;
            if (moved) { // credential settings (Jenkins' jobToken) too, unless this patch gives them anew
                JsonObjectBuilder kept = Json.createObjectBuilder();
                merged.forEach((k, v) -> {
                    if (DeploymentTarget.isCredentialSetting(k) && !given.containsKey(k)) {
                        cleared.add("settings." + k);
                    } else {
                        kept.add(k, v);
                    }
                });
                merged = kept.build();
            }
        }
        target.revise(
                format,
                url,
                secret,
                token,
                clearToken,
                merged,
                eventSecret,
                clearEventSecret,
                enabled,
                who.username(),
                this::seal);
        targets.save(target);
        JsonObjectBuilder changes = Json.createObjectBuilder();
        patch.keySet()
                .forEach(k -> changes.add(
                        k,
                        k.equals("secret") || k.equals("token") || k.equals("eventSecret")
                                ? Json.createValue("(changed)")
                                : k.equals("settings") && patch.get(k) instanceof JsonObject o
                                        ? DeploymentTarget.masked(o)
                                        : patch.get(k)));
        JsonObjectBuilder details = Json.createObjectBuilder().add("changes", changes);
        if (!cleared.isEmpty()) {
            details.add("credentialsCleared", Json.createArrayBuilder(cleared));
        }
        audit.record(
                who.username(),
                "deployment-target.updated",
                "deployment_target",
                id,
                target.getOrganizationId(),
                details.build());
        circuits.reset(id);
        return dto(target);
    }
}
