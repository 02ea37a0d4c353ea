package org.modelregistry.domain.deployment;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.api.deployment.CreateDeploymentTargetRequest;
import org.modelregistry.api.problem.ConflictException;
import org.modelregistry.domain.shared.AuditedEntity;

/**
 * Where deployments go: a CI/CD system called by webhook, in one environment, unique by name in its organization.
 * Its signing secret and token are kept sealed ({@code SecretKeys}): this entity only ever holds them encrypted.
 */
@Entity
@Table(name = "deployment_target")
@NamedQuery(
        name = "DeploymentTarget.findByName",
        query = "SELECT t FROM DeploymentTarget t WHERE t.organizationId = :organizationId AND t.name = :name")
@NamedQuery(
        name = "DeploymentTarget.list",
        query = "SELECT t FROM DeploymentTarget t, Organization o WHERE o.id = t.organizationId"
                + " ORDER BY o.slug, t.name")
@NamedQuery(
        name = "DeploymentTarget.listInOrganizations",
        query = "SELECT t FROM DeploymentTarget t, Organization o WHERE o.id = t.organizationId"
                + " AND t.organizationId IN :organizationIds ORDER BY o.slug, t.name")
// the name is unique in the organization: a taken name (also when two requests race for it) inserts nothing
@NamedNativeQuery(
        name = "DeploymentTarget.insert",
        query =
                "INSERT INTO deployment_target (id, organization_id, name, environment, kind, format, url, secret, token,"
                        + " settings, enabled, created_at, created_by, updated_at, updated_by, secrets_sealed, event_secret)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
public class DeploymentTarget extends AuditedEntity {

    /** The environments a target deploys to (in this order in error messages). */
    public static final List<String> ENVIRONMENTS = List.of("development", "staging", "production");

    public static final String WEBHOOK = "WEBHOOK";
    public static final String GENERIC = "GENERIC";

    private static final Pattern CREDENTIAL_SETTING = Pattern.compile("(?i).*(token|secret|password|key).*");

    /** Seals a credential of the target with the given id for the {@code deployment_target} column named. */
    @FunctionalInterface
    public interface Sealer {
        String seal(String plain, String column, UUID targetId);
    }

    @Column(name = "organization_id", nullable = false, updatable = false)
    private UUID organizationId;

    @Column(name = "name", nullable = false, updatable = false, length = 63)
    private String name;

    @Column(name = "environment", nullable = false, updatable = false, length = 16)
    private String environment;

    @Column(name = "kind", nullable = false, updatable = false, length = 16)
    private String kind;

    @Column(name = "format", nullable = false, length = 16)
    private String format;

    @Column(name = "url", nullable = false, length = 2048)
    private String url;

    /** Sealed; signs every call (HMAC-SHA256). */
    @Column(name = "secret", nullable = false)
    private String secret;

    /** Sealed; the target system's own credential, if it needs one. */
    @Column(name = "token")
    private String token;

    /**
     * Sealed; what the target's CI system signs (GitHub) or sends (GitLab, Jenkins) its own events with, when they
     * report back (CiEventParser). Null: the target takes no CI events.
     */
    @Column(name = "event_secret")
    private String eventSecret;

    /** A JSON object of string settings (jsonb: the JDBC connection sends strings as "unspecified"). */
    @Column(name = "settings", nullable = false)
    private String settings;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    /** Whether secret and token are encrypted (SecretsAtRest seals the rows of older releases). */
    @Column(name = "secrets_sealed", nullable = false)
    private boolean secretsSealed;

    protected DeploymentTarget() {
        // for JPA
    }

    private DeploymentTarget(UUID organizationId, String actor) {
        super(actor);
        this.organizationId = organizationId;
    }

    /** Defines a target from a request whose values the service checked; kind WEBHOOK, format GENERIC by default. */
    public static DeploymentTarget define(
            UUID organizationId, CreateDeploymentTargetRequest r, String actor, Sealer sealer) {
        DeploymentTarget t = new DeploymentTarget(organizationId, actor);
        t.name = r.name();
        t.environment = r.environment();
        t.kind = WEBHOOK;
        t.format = r.format() == null ? GENERIC : r.format();
        t.url = r.url();
        t.secret = sealer.seal(r.secret(), "secret", t.getId());
        t.token = sealer.seal(r.token(), "token", t.getId());
        t.eventSecret = sealer.seal(r.eventSecret(), "event_secret", t.getId());
        t.settings = (r.settings() == null ? JsonValue.EMPTY_JSON_OBJECT : r.settings()).toString();
        t.enabled = r.enabled() == null || r.enabled();
        t.secretsSealed = true;
        return t;
    }

    /**
     * Applies checked changes; null leaves a value as it is.
     *
     * @param clearToken removes the token (a patch's {@code "token": null}, or a URL moved to another receiver)
     * @param mergedSettings the settings after the merge patch, or null when they stay
     * @param newEventSecret the CI events' secret rotated, or null to keep it
     * @param clearEventSecret removes it: the target then takes no CI events
     */
    public void revise(
            String newFormat,
            String newUrl,
            String newSecret,
            String newToken,
            boolean clearToken,
            JsonObject mergedSettings,
            String newEventSecret,
            boolean clearEventSecret,
            Boolean enable,
            String actor,
            Sealer sealer) {
        if (newFormat != null) {
            format = newFormat;
        }
        if (newUrl != null) {
            url = newUrl;
        }
        if (newSecret != null) {
            secret = sealer.seal(newSecret, "secret", getId());
        }
        if (clearToken) {
            token = null;
        } else if (newToken != null) {
            token = sealer.seal(newToken, "token", getId());
        }
        if (mergedSettings != null) {
            settings = mergedSettings.toString();
        }
        if (clearEventSecret) {
            eventSecret = null;
        } else if (newEventSecret != null) {
            eventSecret = sealer.seal(newEventSecret, "event_secret", getId());
        }
        if (enable != null) {
            enabled = enable;
        }
        touch(actor);
    }

    /** A disabled target takes no deployments (409 naming {@code target}). */
    public void requireEnabled() {
        if (!enabled) {
            throw new ConflictException("The target " + name + " is disabled", "target");
        }
    }

    /** Whether a setting's name says it is a credential (Jenkins' jobToken): never shown, never kept on a move. */
    public static boolean isCredentialSetting(String key) {
        return CREDENTIAL_SETTING.matcher(key).matches();
    }

    /** Settings whose names say they are credentials are shown as "(set)", never in clear. */
    public static JsonObject masked(JsonObject settings) {
        JsonObjectBuilder out = Json.createObjectBuilder();
        settings.forEach((k, v) -> out.add(k, isCredentialSetting(k) ? Json.createValue("(set)") : v));
        return out.build();
    }

    public UUID getOrganizationId() {
        return organizationId;
    }

    public String getName() {
        return name;
    }

    public String getEnvironment() {
        return environment;
    }

    public String getKind() {
        return kind;
    }

    public String getFormat() {
        return format;
    }

    public String getUrl() {
        return url;
    }

    public String getSecret() {
        return secret;
    }

    public String getToken() {
        return token;
    }

    public String getEventSecret() {
        return eventSecret;
    }

    public boolean hasEventSecret() {
        return eventSecret != null;
    }

    public boolean hasToken() {
        return token != null;
    }

    /** The settings as the database keeps them (jsonb's text). */
    public String getSettings() {
        return settings;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public boolean isSecretsSealed() {
        return secretsSealed;
    }
}
