package org.modelregistry.application.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.modelregistry.infrastructure.config.CheckedSettings;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Sign-in and tokens (registry.auth.*), the first administrator (registry.admin.password), single sign-on through an
 * external OpenID Connect provider (registry.auth.oidc.*) and the keys of secrets at rest (registry.secrets.*).
 */
@ApplicationScoped
public class IdentitySettings implements CheckedSettings {

    @Inject
    @ConfigProperty(name = "registry.auth.issuer", defaultValue = "model-registry")
    String tokenIssuer;

    @Inject
    @ConfigProperty(name = "registry.auth.audience", defaultValue = "model-registry")
    String tokenAudience;

    @Inject
    @ConfigProperty(name = "registry.auth.token-lifetime-minutes", defaultValue = "15")
    int tokenLifetimeMinutes;

    @Inject
    @ConfigProperty(name = "registry.auth.pbkdf2-iterations", defaultValue = "600000")
    int pbkdf2Iterations;

    @Inject
    @ConfigProperty(name = "registry.admin.password")
    Optional<String> adminPassword;

    @Inject
    @ConfigProperty(name = "registry.auth.roles-claim", defaultValue = "groups")
    String rolesClaim;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.issuer")
    Optional<String> oidcIssuer;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.organization", defaultValue = "default")
    String oidcOrganization;

    @Inject
    @ConfigProperty(name = "registry.secrets.key")
    Optional<String> secretsKey;

    @Inject
    @ConfigProperty(name = "registry.secrets.previous-keys")
    Optional<String> secretsPreviousKeys;

    /** Refuses a secrets key (current or previous) that is not 32 bytes in base64, naming the setting. */
    @Override
    public void check() {
        secretsKey().ifPresent(k -> SecretKeys.decode(k, "registry.secrets.key"));
        for (String k : secretsPreviousKeys().split(",")) {
            if (!k.isBlank()) {
                SecretKeys.decode(k, "registry.secrets.previous-keys");
            }
        }
    }

    /** The claim of the registry's own tokens that lists the caller's roles. */
    public String rolesClaim() {
        return rolesClaim;
    }

    /** The issuer of an external OpenID Connect provider whose tokens the registry accepts, if any. */
    public Optional<String> oidcIssuer() {
        return oidcIssuer.filter(s -> !s.isBlank());
    }

    /** The organization where single sign-on users hold the roles of their token. */
    public String oidcOrganization() {
        return oidcOrganization;
    }

    public String tokenIssuer() {
        return tokenIssuer;
    }

    public String tokenAudience() {
        return tokenAudience;
    }

    public int tokenLifetimeMinutes() {
        return tokenLifetimeMinutes;
    }

    public int pbkdf2Iterations() {
        return pbkdf2Iterations;
    }

    /** The first administrator's password (REGISTRY_ADMIN_PASSWORD); empty means "generate one". */
    public Optional<String> adminPassword() {
        return adminPassword.filter(s -> !s.isBlank());
    }

    /** The key (base64, 32 bytes) that encrypts secrets at rest; empty: the one in the data directory. */
    public Optional<String> secretsKey() {
        return secretsKey.filter(s -> !s.isBlank());
    }

    /** Earlier keys (comma-separated base64) that still decrypt until their values are re-encrypted. */
    public String secretsPreviousKeys() {
        return secretsPreviousKeys.orElse("");
    }
}
