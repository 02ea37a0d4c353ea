package org.modelregistry.infrastructure.security;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;
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
 * The RSA key that signs the registry's access tokens (and evidence bundles and audit checkpoints), one for every
 * server of a cluster: kept in the database ({@code signing_key}, db/V28) sealed with the secrets key
 * ({@link SecretKeys}), so a token issued by one server is accepted by all. The first server to start makes it: it
 * moves the key of {@code <data dir>/keys/token-signing-key.json} there when that file exists (tokens issued before
 * stay valid), else generates one; two servers starting at once agree on the first row written. A server whose
 * secrets key cannot open the row refuses to start, naming the setting to align. Only the public half is ever
 * published.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "SecretKeys"})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each statement commits on its own
@Lock(LockType.READ)
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());

    private static final String TABLE = "signing_key";
    private static final String COLUMN = "jwk_sealed";

    @Inject
    ServerSettings settings;

    @Inject
    SecretKeys secrets;

    @Resource(lookup = "jdbc/registry")
    DataSource database;

    private RsaJsonWebKey key;

    @PostConstruct
    void load() {
        Path file = settings.dataDir().resolve("keys").resolve("token-signing-key.json");
        try (Connection c = database.getConnection()) {
            Optional<RsaJsonWebKey> stored = stored(c);
            if (stored.isEmpty()) {
                RsaJsonWebKey made =
                        Files.exists(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : generate();
                UUID row = UUID.randomUUID();
                try (PreparedStatement insert =
                        c.prepareStatement("INSERT INTO signing_key (id, purpose, kid, jwk_sealed)"
                                + " VALUES (?, 'tokens', ?, ?) ON CONFLICT (purpose) DO NOTHING")) {
                    insert.setObject(1, row);
                    insert.setString(2, made.getKeyId());
                    insert.setString(
                            3,
                            secrets.seal(
                                    made.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE), TABLE, COLUMN, row));
                    if (insert.executeUpdate() == 1) {
                        LOG.info(() -> "Token signing key " + made.getKeyId()
                                + (Files.exists(file) ? " moved from " + file : " generated") + " into the database");
                    }
                }
                stored = stored(c);
            }
            key = stored.orElseThrow(() -> new IllegalStateException("no token signing key in the database"));
            LOG.info(() -> "Token signing key " + key.getKeyId() + " (shared by every server of the cluster)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or write the token signing key in the database", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key at " + file, e);
        } catch (JoseException e) {
            throw new IllegalStateException("cannot use the token signing key", e);
        }
    }

    private Optional<RsaJsonWebKey> stored(Connection c) throws SQLException, JoseException {
        try (PreparedStatement select =
                        c.prepareStatement("SELECT id, jwk_sealed FROM signing_key WHERE purpose = 'tokens'");
                ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            UUID row = rs.getObject(1, UUID.class);
            String jwk;
            try {
                jwk = secrets.open(rs.getString(2), true, TABLE, COLUMN, row);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "the token signing key in the database was sealed with another secrets"
                                + " key: give every server of the cluster the same registry.secrets.key",
                        e);
            }
            return Optional.of(parse(jwk));
        }
    }

    private static RsaJsonWebKey parse(String json) throws JoseException {
        JsonWebKey jwk = JsonWebKey.Factory.newJwk(json);
        if (!(jwk instanceof RsaJsonWebKey rsa) || rsa.getPrivateKey() == null) {
            throw new IllegalStateException("the token signing key is not an RSA private key");
        }
        return rsa;
    }

    private static RsaJsonWebKey generate() throws JoseException {
        RsaJsonWebKey generated = RsaJwkGenerator.generateJwk(2048);
        generated.setKeyId(generated.calculateBase64urlEncodedThumbprint("SHA-256"));
        generated.setAlgorithm("RS256");
        generated.setUse("sig");
        return generated;
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
