package org.modelregistry.infrastructure.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets kept in the database (target tokens and signing secrets, webhook secrets) with AES-256-GCM under
 * a key the database does not hold. A stored value reads {@code sb1:<key id>:<base64url(nonce | ciphertext | tag)>}
 * with a random 96-bit nonce; the associated data binds it to its table, column and row (and to the format and key
 * id), so a value copied to another row or column, or altered, does not decrypt. Previous keys still decrypt, so
 * that values can be re-encrypted under the current key after a rotation.
 */
public final class SecretBox {

    /** A stored value that does not decrypt: altered, moved, or made with a key this server does not have. */
    public static class UnreadableSecretException extends RuntimeException {
        public UnreadableSecretException(String message) {
            super(message);
        }
    }

    private static final String FORMAT = "sb1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String currentId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();

    /** @param current the key new values are sealed with (32 bytes); @param previous keys that still open values */
    public SecretBox(byte[] current, List<byte[]> previous) {
        currentId = add(current);
        previous.forEach(this::add);
    }

    private String add(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a secrets key is 32 bytes (AES-256), this one has " + key.length);
        }
        String id = keyId(key);
        keys.putIfAbsent(id, new SecretKeySpec(key.clone(), "AES"));
        return id;
    }

    /** A short name of a key that does not reveal it: the first 8 bytes of a SHA-256 of it, in hex. */
    public static String keyId(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("model-registry secrets key id:".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    public String currentKeyId() {
        return currentId;
    }

    /** The stored form of a secret of this row and column; null stays null. */
    public String seal(String plaintext, String table, String column, UUID row) {
        if (plaintext == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(
                Cipher.ENCRYPT_MODE, currentId, nonce, plaintext.getBytes(StandardCharsets.UTF_8), table, column, row);
        byte[] out = ByteBuffer.allocate(nonce.length + sealed.length)
                .put(nonce)
                .put(sealed)
                .array();
        return FORMAT + ":" + currentId + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The secret a stored value holds, if it belongs to this row and column; null stays null. */
    public String open(String stored, String table, String column, UUID row) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", -1);
        if (parts.length != 3 || !parts[0].equals(FORMAT)) {
            throw new UnreadableSecretException(table + "." + column + " of " + row + " is not an encrypted value");
        }
        if (!keys.containsKey(parts[1])) {
            throw new UnreadableSecretException(table + "." + column + " of " + row + " was encrypted with key "
                    + parts[1] + ", which is neither registry.secrets.key nor one of registry.secrets.previous-keys");
        }
        byte[] all;
        try {
            all = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new UnreadableSecretException(table + "." + column + " of " + row + " is not an encrypted value");
        }
        if (all.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new UnreadableSecretException(table + "." + column + " of " + row + " is too short");
        }
        byte[] nonce = Arrays.copyOf(all, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return new String(
                crypt(Cipher.DECRYPT_MODE, parts[1], nonce, sealed, table, column, row), StandardCharsets.UTF_8);
    }

    /** True when a stored value was sealed with the current key (nothing to re-encrypt). */
    public boolean sealedWithCurrentKey(String stored) {
        return stored != null && stored.startsWith(FORMAT + ":" + currentId + ":");
    }

    private byte[] crypt(int mode, String keyId, byte[] nonce, byte[] input, String table, String column, UUID row) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, keys.get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(
                    (FORMAT + ":" + keyId + ":" + table + "." + column + ":" + row).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new UnreadableSecretException(table + "." + column + " of " + row
                    + " does not decrypt: altered, or copied from another row or column");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}
