package org.modelregistry.infrastructure.security;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.modelregistry.infrastructure.config.ServerSettings;

/**
 * The RSA key that signs the registry's access tokens: generated on first start into
 * {@code <data dir>/keys/token-signing-key.json} (readable by its owner only) and loaded on later starts, so tokens
 * stay valid across restarts. Only the public half is ever published.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    @Inject
    ServerSettings settings;

    private RsaJsonWebKey key;

    @PostConstruct
    void load() {
        Path file = settings.dataDir().resolve("keys").resolve("token-signing-key.json");
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(Files.readString(file, StandardCharsets.UTF_8));
            if (!(jwk instanceof RsaJsonWebKey rsa) || rsa.getPrivateKey() == null) {
                throw new IllegalStateException(file + " does not hold an RSA private key");
            }
            key = rsa;
            LOG.info(() -> "Token signing key " + key.getKeyId() + " from " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token signing key at " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot use the token signing key at " + file, e);
        }
    }

    private static void generate(Path file) throws IOException, JoseException {
        RsaJsonWebKey generated = RsaJwkGenerator.generateJwk(2048);
        generated.setKeyId(generated.calculateBase64urlEncodedThumbprint("SHA-256"));
        generated.setAlgorithm("RS256");
        generated.setUse("sig");
        KeyFiles.createOnce(
                file,
                generated.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE).getBytes(StandardCharsets.UTF_8));
    }

    public RsaJsonWebKey signingKey() {
        return key;
    }

    /** A compact JWS (RS256, the registry's key id in the header) of the payload. */
    public String sign(String payload) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(payload);
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign with the registry key", e);
        }
    }

    /** The payload of a JWS made by {@link #sign}, or empty when its signature is not the registry's. */
    public Optional<String> verified(String compact) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(new AlgorithmConstraints(
                    AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256));
            jws.setCompactSerialization(compact.trim());
            jws.setKey(key.getPublicKey());
            return jws.verifySignature() ? Optional.of(jws.getPayload()) : Optional.empty();
        } catch (JoseException e) {
            return Optional.empty();
        }
    }

    /** The public key set, as served at {@code /api/v1/auth/jwks}. */
    public String jwks() {
        return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }
}
