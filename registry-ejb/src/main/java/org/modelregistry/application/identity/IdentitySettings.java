package org.modelregistry.application.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
    @ConfigProperty(name = "registry.auth.oidc.authorization-url")
    Optional<String> oidcAuthorizationUrl;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.token-url")
    Optional<String> oidcTokenUrl;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.client-id")
    Optional<String> oidcClientId;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.client-secret")
    Optional<String> oidcClientSecret;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.scopes", defaultValue = "openid profile")
    String oidcScopes;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.display-name")
    Optional<String> oidcDisplayName;

    @Inject
    @ConfigProperty(name = "registry.secrets.key")
    Optional<String> secretsKey;

    @Inject
    @ConfigProperty(name = "registry.secrets.previous-keys")
    Optional<String> secretsPreviousKeys;

    /**
     * Refuses a secrets key (current or previous) that is not 32 bytes in base64, and a half-configured console
     * single sign-on (some of its settings but not all, a URL that is not absolute http(s), scopes without
     * {@code openid}), naming the setting.
     */
    @Override
    public void check() {
        checkConsoleSingleSignOn();
        secretsKey().ifPresent(k -> SecretKeys.decode(k, "registry.secrets.key"));
        for (String k : secretsPreviousKeys().split(",")) {
            if (!k.isBlank()) {
                SecretKeys.decode(k, "registry.secrets.previous-keys");
            }
        }
    }

    private void checkConsoleSingleSignOn() {
        List<Optional<String>> parts = List.of(oidcAuthorizationUrl, oidcTokenUrl, oidcClientId, oidcClientSecret);
        boolean any = parts.stream().anyMatch(p -> p.filter(v -> !v.isBlank()).isPresent());
        if (!any) {
            return;
        }
        String[] names = {"authorization-url", "token-url", "client-id", "client-secret"};
        for (int i = 0; i < names.length; i++) {
            if (parts.get(i).filter(v -> !v.isBlank()).isEmpty()) {
                throw new IllegalArgumentException("registry.auth.oidc." + names[i]
                        + ": is required for the console's single sign-on (the other registry.auth.oidc.*"
                        + " console settings are set)");
            }
        }
        if (oidcIssuer().isEmpty()) {
            throw new IllegalArgumentException(
                    "registry.auth.oidc.issuer: is required for the console's single sign-on");
        }
        webUrl(oidcAuthorizationUrl.get(), "registry.auth.oidc.authorization-url");
        webUrl(oidcTokenUrl.get(), "registry.auth.oidc.token-url");
        if (!oidcScopeList().contains("openid")) {
            throw new IllegalArgumentException("registry.auth.oidc.scopes: must include openid");
        }
    }

    private static void webUrl(String value, String setting) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(setting + ": must be an absolute http(s) URL without user info");
        }
    }

    /**
     * True when the console offers single sign-on: the provider's endpoints and the console's client are set
     * ({@link #check()} made sure they are all set, or none).
     */
    public boolean consoleSingleSignOn() {
        return oidcIssuer().isPresent()
                && oidcAuthorizationUrl.filter(v -> !v.isBlank()).isPresent()
                && oidcTokenUrl.filter(v -> !v.isBlank()).isPresent()
                && oidcClientId.filter(v -> !v.isBlank()).isPresent()
                && oidcClientSecret.filter(v -> !v.isBlank()).isPresent();
    }

    /** The provider's authorization endpoint, where the console sends people to sign in. */
    public String oidcAuthorizationUrl() {
        return oidcAuthorizationUrl.orElseThrow().strip();
    }

    /** The provider's token endpoint, where the console exchanges a code for an ID token. */
    public String oidcTokenUrl() {
        return oidcTokenUrl.orElseThrow().strip();
    }

    /** The console's client id at the provider (an ID token's {@code aud} must contain it). */
    public String oidcClientId() {
        return oidcClientId.orElseThrow().strip();
    }

    public String oidcClientSecret() {
        return oidcClientSecret.orElseThrow();
    }

    /** The scopes the console asks for, space-separated as OAuth writes them. */
    public String oidcScopes() {
        return String.join(" ", oidcScopeList());
    }

    private List<String> oidcScopeList() {
        return Arrays.stream(oidcScopes.split("[\\s,]+"))
                .filter(s -> !s.isBlank())
                .distinct()
                .toList();
    }

    /** The provider's name on the sign-in button: the display name set, else the issuer's host. */
    public String oidcDisplayName() {
        return oidcDisplayName
                .filter(s -> !s.isBlank())
                .map(String::strip)
                .orElseGet(() -> oidcIssuer()
                        .map(i -> {
                            try {
                                String host = URI.create(i).getHost();
                                return host == null ? i : host;
                            } catch (IllegalArgumentException notAUri) {
                                return i;
                            }
                        })
                        .orElse("your identity provider"));
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
