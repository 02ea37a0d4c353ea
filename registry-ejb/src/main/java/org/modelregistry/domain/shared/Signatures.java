package org.modelregistry.domain.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of outgoing calls. The header {@code X-Registry-Signature: t=<unix seconds>,sha256=<hex>}
 * signs {@code <t>.<body>}, so a receiver checks both the content and its age (a replayed old call is refused).
 */
public final class Signatures {

    public static final String HEADER = "X-Registry-Signature";

    private Signatures() {}

    public static String header(String secret, long epochSeconds, byte[] body) {
        return "t=" + epochSeconds + ",sha256=" + hex(secret, epochSeconds, body);
    }

    static String hex(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What a receiver does: true when the header signs this body with this secret within {@code toleranceSeconds}. */
    public static boolean verify(
            String secret, String header, byte[] body, long nowEpochSeconds, long toleranceSeconds) {
        if (header == null) {
            return false;
        }
        long t = -1;
        String signature = null;
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    t = Long.parseLong(kv[1]);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (kv.length == 2 && kv[0].equals("sha256")) {
                signature = kv[1];
            }
        }
        if (t < 0 || signature == null || Math.abs(nowEpochSeconds - t) > toleranceSeconds) {
            return false;
        }
        return MessageDigest.isEqual(
                hex(secret, t, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
