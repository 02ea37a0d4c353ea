package org.modelregistry.application.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IdentitySettingsTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    private static IdentitySettings settings(String secretsKey, String previousKeys) {
        IdentitySettings s = new IdentitySettings();
        s.secretsKey = Optional.ofNullable(secretsKey);
        s.secretsPreviousKeys = Optional.ofNullable(previousKeys);
        s.adminPassword = Optional.of(" ");
        s.oidcIssuer = Optional.of("");
        return s;
    }

    @Test
    void blankValuesAreUnset() {
        IdentitySettings s = settings(" ", null);
        assertThat(s.secretsKey()).isEmpty();
        assertThat(s.secretsPreviousKeys()).isEmpty();
        assertThat(s.adminPassword()).isEmpty();
        assertThat(s.oidcIssuer()).isEmpty();
        s.check();
    }

    @Test
    void secretsKeysOf32BytesInBase64Pass() {
        settings(KEY, KEY + ", " + KEY + ",").check();
    }

    @Test
    void aSecretsKeyThatIsNot32BytesInBase64StopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> settings("not base64!", null).check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.secrets.key:");
        assertThatThrownBy(() -> settings(null, KEY + ",AAAA").check())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("registry.secrets.previous-keys:");
    }
}
