package org.modelregistry.infrastructure.security;

import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

/**
 * The keys Liberty verifies tokens with: the registry's own, plus those of an external OpenID Connect provider when
 * {@code registry.auth.oidc.jwks-url} names its JWKS (fetched at most every 5 minutes; while the provider is
 * unreachable, the last good copy, or the registry's keys alone, are served). The console's single sign-on verifies
 * the provider's ID tokens with the same copy of the provider's keys ({@link #providerKeys()}).
 */
@Singleton
@Lock(LockType.READ)
public class TrustedKeys {

    private static final Logger LOG = Logger.getLogger(TrustedKeys.class.getName());
    private static final long REFRESH_NANOS = 5L * 60 * 1_000_000_000L;

    @EJB
    SigningKeys own;

    @Inject
    @ConfigProperty(name = "registry.auth.oidc.jwks-url")
    Optional<String> providerJwksUrl;

    private volatile List<JsonWebKey> provider = List.of();
    private volatile long fetchedAt;

    public String jwks() {
        List<JsonWebKey> keys = new ArrayList<>();
        keys.add(own.signingKey());
        // Liberty's mpJwt is configured for RS256 only
        keys.addAll(providerKeys().stream()
                .filter(k -> k.getKeyType().equals("RSA"))
                .toList());
        return new JsonWebKeySet(keys).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /**
     * The identity provider's public keys (RSA and EC), never the registry's own: an ID token is the provider's word,
     * and the registry's key must not be able to speak for it. Empty when no provider is configured.
     */
    public List<JsonWebKey> providerKeys() {
        String url = providerJwksUrl.filter(s -> !s.isBlank()).orElse(null);
        if (url == null) {
            return List.of();
        }
        if (fetchedAt == 0 || System.nanoTime() - fetchedAt > REFRESH_NANOS) {
            try {
                URLConnection c = URI.create(url).toURL().openConnection();
                c.setConnectTimeout(5000);
                c.setReadTimeout(5000);
                try (InputStream in = c.getInputStream()) {
                    provider = new JsonWebKeySet(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                            .getJsonWebKeys().stream()
                                    .filter(k -> k.getKeyType().equals("RSA")
                                            || k.getKeyType().equals("EC"))
                                    .toList();
                    fetchedAt = System.nanoTime();
                }
            } catch (IOException | JoseException | RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "cannot read the identity provider's keys from " + url + "; serving the last good copy",
                        e);
            }
        }
        return provider;
    }
}
