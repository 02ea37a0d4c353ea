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
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.modelregistry.application.identity.IdentitySettings;
import org.modelregistry.infrastructure.config.ServerSettings;

/**
 * The key that encrypts secrets at rest ({@link SecretBox}): {@code registry.secrets.key} (base64 of 32 bytes) when
 * given, else {@code <data dir>/keys/secrets-key}, generated on first start (owner-only) and kept across restarts.
 * {@code registry.secrets.previous-keys} (and the file's key, when a configured key replaces it) still decrypt,
 * so that a rotated key's values can be re-encrypted; the database never holds any of them.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class SecretKeys {

    private static final Logger LOG = Logger.getLogger(SecretKeys.class.getName());

    @Inject
    IdentitySettings settings;

    @Inject
    ServerSettings server;

    private SecretBox box;

    @PostConstruct
    void load() {
        Path file = server.dataDir().resolve("keys").resolve("secrets-key");
        try {
            List<byte[]> previous = new ArrayList<>();
            for (String k : settings.secretsPreviousKeys().split(",")) {
                if (!k.isBlank()) {
                    previous.add(decode(k, "registry.secrets.previous-keys"));
                }
            }
            byte[] current;
            if (settings.secretsKey().isPresent()) {
                current = decode(settings.secretsKey().get(), "registry.secrets.key");
                if (Files.exists(file)) { // moving from the generated key to a given one: the old one still opens
                    previous.add(decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString()));
                }
            } else {
                if (!Files.exists(file)) {
                    byte[] generated = new byte[32];
                    new SecureRandom().nextBytes(generated);
                    KeyFiles.createOnce(file, Base64.getEncoder().encode(generated));
                }
                current = decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            }
            box = new SecretBox(current, previous);
            LOG.info(() -> "Secrets at rest are encrypted with key " + box.currentKeyId()
                    + (settings.secretsKey().isPresent() ? " (registry.secrets.key)" : " from " + file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the secrets key at " + file, e);
        }
    }

    /** The key in base64, which must be 32 bytes; the message names where it comes from. */
    public static byte[] decode(String base64, String where) {
        try {
            byte[] key = Base64.getDecoder().decode(base64.trim());
            if (key.length != 32) {
                throw new IllegalArgumentException(
                        where + ": a secrets key is 32 bytes in base64, this one has " + key.length);
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": not a base64 key of 32 bytes", e);
        }
    }

    public SecretBox box() {
        return box;
    }

    /** The secret of a stored value: decrypted, or as it is in a row written before V17 and not encrypted yet. */
    public String open(String stored, boolean sealed, String table, String column, UUID row) {
        return sealed ? box.open(stored, table, column, row) : stored;
    }

    /** The value to store for a secret of this row and column (null stays null). */
    public String seal(String secret, String table, String column, UUID row) {
        return box.seal(secret, table, column, row);
    }
}
