package org.modelregistry.application.deployment;

import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.catalog.VersionState;
import org.modelregistry.api.common.RequestJson;
import org.modelregistry.api.deployment.DeploymentCallDto;
import org.modelregistry.api.deployment.DeploymentDto;
import org.modelregistry.api.deployment.DeploymentService;
import org.modelregistry.api.deployment.DeploymentTargetDto;
import org.modelregistry.api.identity.Role;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.api.problem.ForbiddenException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.PreconditionFailedException;
import org.modelregistry.application.audit.AuditTrail;
import org.modelregistry.application.catalog.ModelAccess;
import org.modelregistry.application.governance.ReviewedContent;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.application.jobs.JobWake;
import org.modelregistry.application.policy.PolicyGate;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.application.shared.SqlValues;
import org.modelregistry.domain.catalog.CatalogRules;
import org.modelregistry.domain.catalog.Model;
import org.modelregistry.domain.catalog.ModelRepository;
import org.modelregistry.domain.catalog.ModelVersion;
import org.modelregistry.domain.catalog.Organization;
import org.modelregistry.domain.deployment.WebhookPayloads;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.domain.shared.AuditedEntity;
import org.modelregistry.domain.shared.FieldErrors;
import org.modelregistry.domain.shared.Uuid7;
import org.modelregistry.infrastructure.http.OutboundClient;
import org.modelregistry.infrastructure.http.OutboundPolicy;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Deployment targets and deployments. A deployment is only recorded here (REQUESTED, in the request's transaction,
 * after the policies allowed it, with its audit record); {@code JobRelay} publishes it to the deployments queue
 * after commit, {@code DeploymentWorker} calls the target, and the target reports the outcome through
 * {@link #report}. A successful production deployment makes an APPROVED version DEPLOYED.
 */
@Stateless
@Local(DeploymentService.class)
public class DeploymentServiceBean implements DeploymentService {

    static final Set<String> ENVIRONMENTS = Set.of("development", "staging", "production");
    static final Set<String> REPORTABLE = Set.of("IN_PROGRESS", "SUCCEEDED", "FAILED");
    private static final Pattern SETTING_KEY = Pattern.compile("^[A-Za-z][A-Za-z0-9]{0,31}$");
    private static final int MAX_TOKEN = 1024;
    private static final int MAX_MESSAGE = 4000;

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    ReviewedContent reviewed;

    @Inject
    CurrentCaller caller;

    @Inject
    ModelAccess access;

    @Inject
    ModelRepository models;

    @Inject
    PolicyGate policies;

    @Inject
    AuditTrail audit;

    @Inject
    JobWake wake;

    @Inject
    TargetCircuits circuits;

    @Inject
    OutboundClient outbound;

    @Inject
    SecretKeys secrets;

    @EJB
    JobMetrics metrics;

    // ---------------------------------------------------------------- targets

    @Override
    public DeploymentTargetDto createTarget(JsonObject body) {
        Caller who = caller.get();
        RequestJson json = RequestJson.of(
                body,
                Set.of(
                        "organization",
                        "name",
                        "environment",
                        "kind",
                        "format",
                        "url",
                        "secret",
                        "token",
                        "settings",
                        "enabled"));
        String orgSlug = json.string("organization");
        String name = json.string("name");
        String environment = json.string("environment");
        String kind = json.string("kind");
        String format = json.string("format");
        String url = json.string("url");
        String secret = json.string("secret");
        String token = json.string("token");
        JsonObject settings = json.jsonObject("settings");
        Boolean enabled = json.bool("enabled");
        json.done();
        Organization org = models.organization(orgSlug == null ? "default" : orgSlug)
                .orElseThrow(() -> new InvalidInputException("organization", "no organization " + orgSlug));
        requireAdmin(who, org.getId(), org.getSlug());
        FieldErrors errors = new FieldErrors();
        CatalogRules.dnsLabel(errors, "name", name);
        errors.check(
                environment != null && ENVIRONMENTS.contains(environment), "environment", "one of " + ENVIRONMENTS);
        errors.check(kind == null || kind.equals("WEBHOOK"), "kind", "WEBHOOK (the only kind so far)");
        errors.check(
                format == null || WebhookPayloads.FORMATS.contains(format),
                "format",
                "one of " + WebhookPayloads.FORMATS);
        url(errors, url);
        CatalogRules.signingSecret(errors, "secret", secret, true);
        token(errors, token);
        settings(errors, settings);
        errors.throwIfAny();
        UUID id = Uuid7.next();
        OffsetDateTime now = AuditedEntity.now();
        int inserted = em.createNativeQuery("INSERT INTO deployment_target (id, organization_id, name, environment,"
                        + " kind, format, url, secret, token, settings, enabled, created_at, created_by, updated_at,"
                        + " updated_by, secrets_sealed) VALUES (CAST(? AS uuid), CAST(? AS uuid), ?, ?, 'WEBHOOK', ?, ?,"
                        + " ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, true) ON CONFLICT DO NOTHING")
                .setParameter(1, id.toString())
                .setParameter(2, org.getId().toString())
                .setParameter(3, name)
                .setParameter(4, environment)
                .setParameter(5, format == null ? "GENERIC" : format)
                .setParameter(6, url)
                .setParameter(7, secrets.seal(secret, "deployment_target", "secret", id))
                .setParameter(8, secrets.seal(token, "deployment_target", "token", id))
                .setParameter(9, (settings == null ? JsonValue.EMPTY_JSON_OBJECT : settings).toString())
                .setParameter(10, enabled == null || enabled)
                .setParameter(11, now)
                .setParameter(12, who.username())
                .setParameter(13, now)
                .setParameter(14, who.username())
                .executeUpdate();
        if (inserted == 0) { // the name is taken (also when two requests race for it)
            throw new ConflictException("A deployment target named " + name + " exists in " + org.getSlug(), "name");
        }
        audit.record(
                who.username(),
                "deployment-target.created",
                "deployment_target",
                id,
                org.getId(),
                Json.createObjectBuilder()
                        .add("name", name)
                        .add("environment", environment)
                        .add("format", format == null ? "GENERIC" : format)
                        .add("url", url)
                        .build());
        return target(id);
    }

    private static void requireAdmin(Caller who, UUID organizationId, String slug) {
        who.requireVisible(organizationId, "organization", slug);
        if (!who.registryAdmin() && !who.has(organizationId, Role.ADMIN)) {
            throw new ForbiddenException("Deployment targets are managed by the organization's administrators");
        }
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

    private static final String TARGET_SELECT = "SELECT t.id::text, o.slug, t.name, t.environment, t.kind, t.format,"
            + " t.url, t.token IS NOT NULL, t.settings::text, t.enabled, t.row_version, t.created_at, t.created_by,"
            + " t.updated_at, t.updated_by, t.organization_id::text FROM deployment_target t JOIN organization o ON"
            + " o.id = t.organization_id";

    @Override
    public List<DeploymentTargetDto> targets() {
        Set<UUID> visible = caller.get().visibleOrganizations();
        if (visible != null && visible.isEmpty()) {
            return List.of();
        }
        String where = visible == null
                ? ""
                : " WHERE t.organization_id IN ("
                        + String.join(
                                ",", visible.stream().map(u -> "'" + u + "'").toList()) + ")";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TARGET_SELECT + where + " ORDER BY o.slug, t.name")
                .getResultList();
        return rows.stream().map(DeploymentServiceBean::targetDto).toList();
    }

    @Override
    public DeploymentTargetDto target(UUID id) {
        Object[] row = targetRow(id);
        caller.get().requireVisible(UUID.fromString((String) row[15]), "deployment target", id);
        return targetDto(row);
    }

    private Object[] targetRow(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TARGET_SELECT + " WHERE t.id = CAST(? AS uuid)")
                .setParameter(1, id.toString())
                .getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("deployment target", id);
        }
        return rows.get(0);
    }

    private static DeploymentTargetDto targetDto(Object[] r) {
        return new DeploymentTargetDto(
                UUID.fromString((String) r[0]),
                (String) r[1],
                (String) r[2],
                (String) r[3],
                (String) r[4],
                (String) r[5],
                (String) r[6],
                true,
                (Boolean) r[7],
                masked(JsonText.parse((String) r[8])),
                (Boolean) r[9],
                ((Number) r[10]).intValue(),
                SqlValues.time(r[11]),
                (String) r[12],
                SqlValues.time(r[13]),
                (String) r[14]);
    }

    private static final Pattern SECRET_SETTING = Pattern.compile("(?i).*(token|secret|password|key).*");

    /** Settings whose names say they are credentials (Jenkins' jobToken) are shown as "(set)", never in clear. */
    static JsonObject masked(JsonObject settings) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        settings.forEach((k, v) -> out.add(k, SECRET_SETTING.matcher(k).matches() ? Json.createValue("(set)") : v));
        return out.build();
    }

    @Override
    public DeploymentTargetDto updateTarget(UUID id, Long expectedVersion, JsonObject patch) {
        Caller who = caller.get();
        DeploymentTargetDto current = target(id);
        UUID orgId = UUID.fromString((String) targetRow(id)[15]);
        requireAdmin(who, orgId, current.organization());
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new PreconditionFailedException(current.version());
        }
        for (String readOnly : List.of("id", "organization", "name", "environment", "kind")) {
            if (patch.containsKey(readOnly)) {
                throw new InvalidInputException(readOnly, "cannot change: create another target instead");
            }
        }
        RequestJson json = RequestJson.of(patch, Set.of("format", "url", "secret", "token", "settings", "enabled"));
        String format = json.string("format");
        String url = json.string("url");
        String secret = json.string("secret");
        String token = json.string("token");
        JsonObject settings = json.jsonObject("settings");
        Boolean enabled = json.bool("enabled");
        json.done();
        FieldErrors errors = new FieldErrors();
        errors.check(
                format == null || WebhookPayloads.FORMATS.contains(format),
                "format",
                "one of " + WebhookPayloads.FORMATS);
        if (url != null) {
            url(errors, url);
        }
        // the credentials were given for the old receiver: they never follow the URL to another one
        boolean moved = url != null && !OutboundPolicy.sameOrigin(current.url(), url);
        errors.check(
                !moved || secret != null,
                "secret",
                "a new signing secret is required when the url's scheme,"
                        + " host or port changes (the old one stays with the old receiver)");
        CatalogRules.signingSecret(errors, "secret", secret, false);
        token(errors, token);
        settings(errors, settings);
        errors.throwIfAny();
        List<String> cleared = new ArrayList<>();
        boolean clearToken =
                patch.containsKey("token") && patch.get("token").getValueType() == JsonValue.ValueType.NULL;
        if (moved && token == null && current.tokenSet()) {
            clearToken = true;
            cleared.add("token");
        }
        if (settings != null || moved) { // a merge patch of the stored settings: what it does not name stays
            @SuppressWarnings("unchecked")
            List<String> stored = em.createNativeQuery(
                            "SELECT settings::text FROM deployment_target WHERE id =" + " CAST(? AS uuid)")
                    .setParameter(1, id.toString())
                    .getResultList();
            JsonObject merged = settings == null
                    ? JsonText.parse(stored.get(0))
                    : Json.createMergePatch(settings)
                            .apply(JsonText.parse(stored.get(0)))
                            .asJsonObject();
            JsonObject given = settings == null ? JsonValue.EMPTY_JSON_OBJECT : settings;
            if (moved) { // credential settings (Jenkins' jobToken) too, unless this patch gives them anew
                JsonObjectBuilder kept = Json.createObjectBuilder();
                merged.forEach((k, v) -> {
                    if (SECRET_SETTING.matcher(k).matches() && !given.containsKey(k)) {
                        cleared.add("settings." + k);
                    } else {
                        kept.add(k, v);
                    }
                });
                merged = kept.build();
            }
            settings = merged;
        }
        int updated = em.createNativeQuery("UPDATE deployment_target SET format = coalesce(?, format),"
                        + " url = coalesce(?, url), secret = coalesce(?, secret), token = CASE WHEN ? THEN NULL ELSE"
                        + " coalesce(?, token) END, settings = coalesce(CAST(? AS jsonb), settings),"
                        + " enabled = coalesce(?, enabled), row_version = row_version + 1, updated_at = ?, updated_by = ?"
                        + " WHERE id = CAST(? AS uuid) AND row_version = ?")
                .setParameter(1, format)
                .setParameter(2, url)
                .setParameter(3, secrets.seal(secret, "deployment_target", "secret", id))
                .setParameter(4, clearToken)
                .setParameter(5, secrets.seal(token, "deployment_target", "token", id))
                .setParameter(6, settings == null ? null : settings.toString())
                .setParameter(7, enabled)
                .setParameter(8, AuditedEntity.now())
                .setParameter(9, who.username())
                .setParameter(10, id.toString())
                .setParameter(11, current.version())
                .executeUpdate();
        if (updated == 0) {
            throw new PreconditionFailedException("The target was changed concurrently; read it again and retry");
        }
        JsonObjectBuilder changes = Json.createObjectBuilder();
        patch.keySet()
                .forEach(k -> changes.add(
                        k,
                        k.equals("secret") || k.equals("token")
                                ? Json.createValue("(changed)")
                                : k.equals("settings") && patch.get(k) instanceof JsonObject o
                                        ? masked(o)
                                        : patch.get(k)));
        JsonObjectBuilder details = Json.createObjectBuilder().add("changes", changes);
        if (!cleared.isEmpty()) {
            details.add("credentialsCleared", Json.createArrayBuilder(cleared));
        }
        audit.record(who.username(), "deployment-target.updated", "deployment_target", id, orgId, details.build());
        circuits.reset(id);
        return target(id);
    }

    // ---------------------------------------------------------------- deployments

    @Override
    public DeploymentDto deploy(UUID modelId, String version, JsonObject body) {
        Caller who = caller.get();
        Model model = access.visible(modelId);
        requireDeployer(who, model.getOrganizationId());
        ModelVersion v = access.version(modelId, version);
        RequestJson json = RequestJson.of(body, Set.of("target"));
        String targetName = json.string("target");
        json.done();
        if (targetName == null) {
            throw new InvalidInputException("target", "is required: the name of a deployment target");
        }
        return request(who, model, v, lockTarget(model.getOrganizationId(), targetName), null);
    }

    /** The target row (id, environment, enabled, name), locked so that two deployments to it cannot race. */
    private Object[] lockTarget(UUID organizationId, String name) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id::text, environment, enabled, name FROM deployment_target"
                        + " WHERE organization_id = CAST(? AS uuid) AND name = ? FOR UPDATE")
                .setParameter(1, organizationId.toString())
                .setParameter(2, name)
                .getResultList();
        if (rows.isEmpty()) {
            throw new InvalidInputException(
                    "target", "no deployment target named " + name + " in the model's organization");
        }
        return rows.get(0);
    }

    private DeploymentDto request(Caller who, Model model, ModelVersion v, Object[] target, UUID rollbackOf) {
        String targetId = (String) target[0];
        String environment = (String) target[1];
        if (!(Boolean) target[2]) {
            throw new ConflictException("The target " + target[3] + " is disabled", "target");
        }
        if (v.getState() != VersionState.APPROVED && v.getState() != VersionState.DEPLOYED) {
            throw new ConflictException(
                    "Version " + v.getVersion() + " is " + v.getState() + ": only APPROVED (or"
                            + " already DEPLOYED) versions are deployed",
                    "state");
        }
        reviewed.requireApprovedContent(v);
        long busy = ((Number) em.createNativeQuery("SELECT count(*) FROM deployment WHERE target_id = CAST(? AS uuid)"
                                + " AND state IN ('REQUESTED', 'IN_PROGRESS')")
                        .setParameter(1, targetId)
                        .getSingleResult())
                .longValue();
        if (busy > 0) {
            throw new ConflictException(
                    "A deployment to " + target[3] + " is in progress; wait for its report", "target");
        }
        PolicyGate.Verdict verdict = policies.enforce(model, v, VersionState.DEPLOYED, environment);
        UUID id = Uuid7.next();
        em.createNativeQuery("INSERT INTO deployment (id, model_id, version_id, target_id, environment, state,"
                        + " rollback_of, requested_at, requested_by) VALUES (CAST(? AS uuid), CAST(? AS uuid),"
                        + " CAST(? AS uuid), CAST(? AS uuid), ?, 'REQUESTED', CAST(? AS uuid), ?, ?)")
                .setParameter(1, id.toString())
                .setParameter(2, model.getId().toString())
                .setParameter(3, v.getId().toString())
                .setParameter(4, targetId)
                .setParameter(5, environment)
                .setParameter(6, rollbackOf == null ? null : rollbackOf.toString())
                .setParameter(7, AuditedEntity.now())
                .setParameter(8, who.username())
                .executeUpdate();
        wake.afterCommit();
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("model", model.getId().toString())
                .add("version", v.getVersion())
                .add("target", (String) target[3])
                .add("environment", environment)
                .add("inputDigest", verdict.input().digest());
        if (rollbackOf != null) {
            details.add("rollbackOf", rollbackOf.toString());
        }
        audit.record(
                who.username(),
                rollbackOf == null ? "deployment.requested" : "deployment.rollback-requested",
                "deployment",
                id,
                model.getOrganizationId(),
                details.build());
        return deployment(id);
    }

    private static void requireDeployer(Caller who, UUID organizationId) {
        if (!who.registryAdmin() && !who.has(organizationId, Role.DEPLOYER)) {
            throw new ForbiddenException("Deployments are requested and reported by the organization's DEPLOYERs");
        }
    }

    @Override
    public List<DeploymentDto> deployments(UUID modelId, String version) {
        Model model = access.visible(modelId);
        ModelVersion v = access.version(modelId, version);
        return load("d.version_id = CAST(? AS uuid)", v.getId().toString()).stream()
                .map(d -> forCaller(d, model.getOrganizationId()))
                .toList();
    }

    @Override
    public DeploymentDto deployment(UUID id) {
        List<DeploymentDto> found = load("d.id = CAST(? AS uuid)", id.toString());
        if (found.isEmpty()) {
            throw new NotFoundException("deployment", id);
        }
        DeploymentDto d = found.get(0);
        Model model = access.visible(d.modelId()); // 404 for a deployment of a model the caller cannot see
        return forCaller(d, model.getOrganizationId());
    }

    /**
     * What a target answered ({@code calls[].detail}) is shown to the organization's DEPLOYERs and ADMINs only: a
     * target URL points wherever its administrator chose, and its answer must not become a way to read it.
     */
    private DeploymentDto forCaller(DeploymentDto d, UUID organizationId) {
        Caller who = caller.get();
        if (who.registryAdmin() || who.has(organizationId, Role.ADMIN) || who.has(organizationId, Role.DEPLOYER)) {
            return d;
        }
        return new DeploymentDto(
                d.id(),
                d.modelId(),
                d.version(),
                d.target(),
                d.environment(),
                d.state(),
                d.attempt(),
                d.rollbackOf(),
                d.requestedAt(),
                d.requestedBy(),
                d.startedAt(),
                d.dispatchedAt(),
                d.finishedAt(),
                d.reportedBy(),
                d.externalUrl(),
                d.message(),
                d.calls().stream()
                        .map(c -> new DeploymentCallDto(
                                c.call(),
                                c.attempt(),
                                c.startedAt(),
                                c.durationMs(),
                                c.outcome(),
                                c.httpStatus(),
                                null))
                        .toList());
    }

    private List<DeploymentDto> load(String where, String param) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT d.id::text, d.model_id::text, v.version, t.name,"
                        + " d.environment, d.state, d.attempt, d.rollback_of::text, d.requested_at, d.requested_by,"
                        + " d.started_at, d.dispatched_at, d.finished_at, d.reported_by, d.external_url, d.message FROM"
                        + " deployment d JOIN model_version v ON v.id = d.version_id JOIN deployment_target t ON"
                        + " t.id = d.target_id WHERE " + where + " ORDER BY d.requested_at, d.id")
                .setParameter(1, param)
                .getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> calls = em.createNativeQuery("SELECT c.deployment_id::text, c.call_no, c.attempt,"
                        + " c.started_at, c.duration_ms, c.outcome, c.http_status, c.detail FROM deployment_call c JOIN"
                        + " deployment d ON d.id = c.deployment_id WHERE " + where + " ORDER BY c.call_no")
                .setParameter(1, param)
                .getResultList();
        Map<String, List<DeploymentCallDto>> byDeployment = new HashMap<>();
        for (Object[] c : calls) {
            byDeployment
                    .computeIfAbsent((String) c[0], k -> new ArrayList<>())
                    .add(new DeploymentCallDto(
                            ((Number) c[1]).intValue(),
                            ((Number) c[2]).intValue(),
                            SqlValues.time(c[3]),
                            ((Number) c[4]).intValue(),
                            (String) c[5],
                            c[6] == null ? null : ((Number) c[6]).intValue(),
                            (String) c[7]));
        }
        List<DeploymentDto> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new DeploymentDto(
                    UUID.fromString((String) r[0]),
                    UUID.fromString((String) r[1]),
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    ((Number) r[6]).intValue(),
                    r[7] == null ? null : UUID.fromString((String) r[7]),
                    SqlValues.time(r[8]),
                    (String) r[9],
                    SqlValues.time(r[10]),
                    SqlValues.time(r[11]),
                    SqlValues.time(r[12]),
                    (String) r[13],
                    (String) r[14],
                    (String) r[15],
                    byDeployment.getOrDefault((String) r[0], List.of())));
        }
        return out;
    }

    @Override
    public DeploymentDto report(UUID id, JsonObject body) {
        Caller who = caller.get();
        DeploymentDto d = deployment(id);
        Model model = access.visible(d.modelId());
        requireDeployer(who, model.getOrganizationId());
        RequestJson json = RequestJson.of(body, Set.of("state", "message", "url"));
        String state = json.string("state");
        String message = json.string("message");
        String url = json.string("url");
        json.done();
        FieldErrors errors = new FieldErrors();
        errors.check(state != null && REPORTABLE.contains(state), "state", "one of " + REPORTABLE);
        errors.check(
                message == null || message.length() <= MAX_MESSAGE,
                "message",
                "at most " + MAX_MESSAGE + " characters");
        if (url != null) {
            CatalogRules.httpUrl(errors, "url", url, true); // a link to show, never called
        }
        errors.throwIfAny();
        @SuppressWarnings("unchecked")
        List<Object[]> locked = em.createNativeQuery("SELECT state, version_id::text, environment FROM deployment"
                        + " WHERE id = CAST(? AS uuid) FOR UPDATE")
                .setParameter(1, id.toString())
                .getResultList();
        String current = (String) locked.get(0)[0];
        if (current.equals("SUCCEEDED") || current.equals("FAILED")) {
            if (current.equals(state)) {
                return d; // the same report again: nothing changes
            }
            throw new ConflictException("The deployment already ended " + current, "state");
        }
        if (current.equals("REQUESTED")) {
            throw new ConflictException("The deployment has not been sent to its target yet", "state");
        }
        boolean terminal = !state.equals("IN_PROGRESS");
        // a report also means the target has the deployment: it is never handed back for another call
        em.createNativeQuery("UPDATE deployment SET state = ?, message = coalesce(?, message), external_url ="
                        + " coalesce(?, external_url), reported_by = ?, lease_until = CASE WHEN ? THEN NULL ELSE"
                        + " lease_until END, finished_at = CASE WHEN ? THEN now() ELSE finished_at END, dispatched_at ="
                        + " coalesce(dispatched_at, now()) WHERE id = CAST(? AS uuid)")
                .setParameter(1, state)
                .setParameter(2, message)
                .setParameter(3, url)
                .setParameter(4, who.username())
                .setParameter(5, terminal)
                .setParameter(6, terminal)
                .setParameter(7, id.toString())
                .executeUpdate();
        JsonObjectBuilder details = Json.createObjectBuilder()
                .add("state", state)
                .add("version", d.version())
                .add("environment", d.environment());
        if (message != null) {
            details.add("message", message);
        }
        if (url != null) {
            details.add("url", url);
        }
        String action = switch (state) {
            case "SUCCEEDED" -> "deployment.succeeded";
            case "FAILED" -> "deployment.failed";
            default -> "deployment.progress";
        };
        audit.record(who.username(), action, "deployment", id, model.getOrganizationId(), details.build());
        if (terminal) {
            metrics.finished("deployment", state, Duration.between(d.requestedAt(), OffsetDateTime.now()));
        }
        if (state.equals("SUCCEEDED") && d.environment().equals("production")) {
            ModelVersion v = access.version(model.getId(), d.version());
            VersionState from = v.getState();
            if (from == VersionState.APPROVED && v.deployed(who.username())) {
                models.flush();
                audit.record(
                        who.username(),
                        "version.transition",
                        "model_version",
                        v.getId(),
                        model.getOrganizationId(),
                        Json.createObjectBuilder()
                                .add("from", from.name())
                                .add("to", VersionState.DEPLOYED.name())
                                .add("deployment", id.toString())
                                .build());
            }
        }
        return deployment(id);
    }

    @Override
    public DeploymentDto rollback(UUID id) {
        Caller who = caller.get();
        DeploymentDto d = deployment(id);
        Model model = access.visible(d.modelId());
        requireDeployer(who, model.getOrganizationId());
        Object[] target = lockTarget(model.getOrganizationId(), d.target());
        @SuppressWarnings("unchecked")
        List<String> previous = em.createNativeQuery("SELECT v.version FROM deployment p JOIN model_version v ON"
                        + " v.id = p.version_id WHERE p.target_id = CAST(? AS uuid) AND p.model_id = CAST(? AS uuid)"
                        + " AND p.state = 'SUCCEEDED' AND p.requested_at < (SELECT requested_at FROM deployment WHERE"
                        + " id = CAST(? AS uuid)) AND v.version <> ? ORDER BY p.requested_at DESC LIMIT 1")
                .setParameter(1, target[0])
                .setParameter(2, model.getId().toString())
                .setParameter(3, id.toString())
                .setParameter(4, d.version())
                .getResultList();
        if (previous.isEmpty()) {
            throw new ConflictException(
                    "No earlier version of the model was deployed to " + d.target()
                            + " successfully: there is nothing to roll back to",
                    "id");
        }
        return request(who, model, access.version(model.getId(), previous.get(0)), target, id);
    }
}
