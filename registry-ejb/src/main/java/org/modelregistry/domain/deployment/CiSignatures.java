package org.modelregistry.domain.deployment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How each CI system proves an event is its own: GitHub signs the raw body ({@code X-Hub-Signature-256:
 * sha256=<hex of HMAC-SHA256(secret, body)>}); GitLab ({@code X-Gitlab-Token}) and Jenkins send the shared secret
 * itself. Every comparison takes the same time whatever the given value is: both sides are reduced to SHA-256
 * digests of equal length first, then compared with {@link MessageDigest#isEqual}, which looks at every byte; so
 * neither a prefix that matches nor the given value's length shows in the answer's timing.
 */
public final class CiSignatures {

    /** GitHub's header and the prefix of its value. */
    public static final String GITHUB_HEADER = "X-Hub-Signature-256";

    private static final String SHA256_PREFIX = "sha256=";

    private CiSignatures() {}

    /** The value GitHub sends in {@link #GITHUB_HEADER} for this body. */
    public static String github(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return SHA256_PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** True when {@code header} is GitHub's signature of exactly this body with this secret. */
    public static boolean githubValid(String secret, String header, byte[] body) {
        return header != null && secret != null && constantTimeEquals(github(secret, body), header.trim());
    }

    /** True when the token a system sent is the shared secret (GitLab's X-Gitlab-Token, Jenkins' token). */
    public static boolean tokenValid(String secret, String token) {
        return token != null && secret != null && constantTimeEquals(secret, token);
    }

    /**
     * Equality in a time that depends on neither value's content nor the given value's length: compares the
     * SHA-256 digests of both (32 bytes each) with {@link MessageDigest#isEqual}, which never stops at the first
     * difference. Null is never equal.
     */
    public static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
