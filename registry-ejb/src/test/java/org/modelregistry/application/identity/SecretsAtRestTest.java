package org.modelregistry.application.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.domain.identity.SealedRow;
import org.modelregistry.domain.identity.SecretTable;
import org.modelregistry.infrastructure.security.SecretBox;

class SecretsAtRestTest {

    private static final byte[] OLD = key('o');
    private static final byte[] NEW = key('n');
    private static final UUID ROW = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID ORG = UUID.fromString("00000000-0000-7000-8000-000000000002");

    @Test
    void plainTextIsSealedWithTheCurrentKeyForItsOwnTableColumnAndRow() {
        SecretBox box = new SecretBox(NEW, List.of());
        SealedRow row = new SealedRow(ROW, ORG, false, Arrays.asList("hmac-secret", "ci-token"));

        List<String> sealed = SecretsAtRest.resealed(row, SecretTable.DEPLOYMENT_TARGET, box);

        assertThat(sealed)
                .allSatisfy(v -> assertThat(box.sealedWithCurrentKey(v)).isTrue());
        assertThat(box.open(sealed.get(0), "deployment_target", "secret", ROW)).isEqualTo("hmac-secret");
        assertThat(box.open(sealed.get(1), "deployment_target", "token", ROW)).isEqualTo("ci-token");
        // bound to its column: the token's value does not open as the secret
        assertThatThrownBy(() -> box.open(sealed.get(1), "deployment_target", "secret", ROW))
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
    }

    @Test
    void aValueSealedWithAPreviousKeyIsOpenedAndSealedAgainAndANullStaysNull() {
        SecretBox before = new SecretBox(OLD, List.of());
        SecretBox after = new SecretBox(NEW, List.of(OLD));
        String old = before.seal("hmac-secret", "deployment_target", "secret", ROW);
        SealedRow row = new SealedRow(ROW, ORG, true, Arrays.asList(old, null));

        List<String> sealed = SecretsAtRest.resealed(row, SecretTable.DEPLOYMENT_TARGET, after);

        assertThat(after.sealedWithCurrentKey(sealed.get(0))).isTrue();
        assertThat(after.open(sealed.get(0), "deployment_target", "secret", ROW))
                .isEqualTo("hmac-secret");
        assertThat(sealed.get(1)).isNull();
    }

    @Test
    void aValueSealedWithALostKeyIsRefusedSoTheRowIsLeftAsItIs() {
        String old = new SecretBox(OLD, List.of()).seal("whsec", "webhook_subscription", "secret", ROW);
        SealedRow row = new SealedRow(ROW, ORG, true, List.of(old));

        assertThatThrownBy(() ->
                        SecretsAtRest.resealed(row, SecretTable.WEBHOOK_SUBSCRIPTION, new SecretBox(NEW, List.of())))
                .isInstanceOf(SecretBox.UnreadableSecretException.class);
    }

    private static byte[] key(char c) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) c);
        return k;
    }
}
