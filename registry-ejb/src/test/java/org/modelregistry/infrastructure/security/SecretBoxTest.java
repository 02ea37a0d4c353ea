package org.modelregistry.infrastructure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final byte[] KEY = key(1);
    private static final byte[] NEXT = key(2);
    private static final UUID ROW = UUID.randomUUID();

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    @Test
    void aSealedSecretOpensOnlyInItsRowAndColumn() {
        SecretBox box = new SecretBox(KEY, List.of());
        String sealed = box.seal("ghp_production-token", "deployment_target", "token", ROW);
        assertThat(sealed).startsWith("sb1:" + SecretBox.keyId(KEY) + ":").doesNotContain("production-token");
        assertThat(box.seal("ghp_production-token", "deployment_target", "token", ROW))
                .as("a fresh nonce each time")
                .isNotEqualTo(sealed);
        assertThat(box.open(sealed, "deployment_target", "token", ROW)).isEqualTo("ghp_production-token");
        assertThatThrownBy(() -> box.open(sealed, "deployment_target", "token", UUID.randomUUID()))
                .as("moved to another target")
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
        assertThatThrownBy(() -> box.open(sealed, "deployment_target", "secret", ROW))
                .as("moved to another column")
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
        assertThatThrownBy(() -> box.open(sealed, "webhook_subscription", "token", ROW))
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
        assertThat(box.seal(null, "deployment_target", "token", ROW)).isNull();
        assertThat(box.open(null, "deployment_target", "token", ROW)).isNull();
    }

    @Test
    void anyChangedByteIsDetected() {
        SecretBox box = new SecretBox(KEY, List.of());
        String sealed = box.seal("s3cret-signing-value", "webhook_subscription", "secret", ROW);
        String prefix = sealed.substring(0, sealed.lastIndexOf(':') + 1);
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
        for (int i = 0; i < raw.length; i++) {
            byte[] tampered = raw.clone();
            tampered[i] ^= 0x01;
            String value = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            assertThatThrownBy(() -> box.open(value, "webhook_subscription", "secret", ROW))
                    .isInstanceOf(SecretBox.UnreadableSecretException.class);
        }
        assertThatThrownBy(() -> box.open("s3cret-signing-value", "webhook_subscription", "secret", ROW))
                .as("plain text is not a sealed value")
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
        assertThatThrownBy(() -> box.open(sealed.substring(0, 30), "webhook_subscription", "secret", ROW))
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAndAreRecognisedForReEncryption() {
        SecretBox before = new SecretBox(KEY, List.of());
        String old = before.seal("jenkins-user:api-token", "deployment_target", "token", ROW);
        SecretBox after = new SecretBox(NEXT, List.of(KEY));
        assertThat(after.sealedWithCurrentKey(old)).isFalse();
        assertThat(after.open(old, "deployment_target", "token", ROW)).isEqualTo("jenkins-user:api-token");
        String renewed =
                after.seal(after.open(old, "deployment_target", "token", ROW), "deployment_target", "token", ROW);
        assertThat(after.sealedWithCurrentKey(renewed)).isTrue();
        assertThat(new SecretBox(NEXT, List.of()).open(renewed, "deployment_target", "token", ROW))
                .isEqualTo("jenkins-user:api-token");
        assertThatThrownBy(() -> new SecretBox(NEXT, List.of()).open(old, "deployment_target", "token", ROW))
                .as("the old key dropped too early")
                .isInstanceOf(SecretBox.UnreadableSecretException.class)
                .hasMessageContaining(SecretBox.keyId(KEY));
        assertThatThrownBy(() -> new SecretBox(new byte[16], List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
