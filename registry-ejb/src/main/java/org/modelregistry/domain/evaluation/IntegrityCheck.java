package org.modelregistry.domain.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * INTEGRITY: re-reads an artifact's stored content and recomputes its SHA-256 and size, which must equal what was
 * recorded when it was uploaded (bit rot, a replaced blob, a truncated copy after a restore all show here).
 */
public final class IntegrityCheck {

    private IntegrityCheck() {}

    public static CheckOutcome check(String expectedSha256, long expectedSize, InputStream content) {
        try (InputStream in = content) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Map<String, Object> measured = Map.of("sha256", sha256, "size", size);
            if (!sha256.equals(expectedSha256) || size != expectedSize) {
                return CheckOutcome.failed(
                        measured,
                        "stored content is " + size + " bytes with sha256 " + sha256 + ", recorded " + expectedSize
                                + " bytes with " + expectedSha256);
            }
            return CheckOutcome.passed(measured, "content matches its recorded sha256 and size");
        } catch (IOException e) {
            return CheckOutcome.error("cannot read the stored content: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
