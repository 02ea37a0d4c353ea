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
        s.oidcAuthorizationUrl = Optional.empty();
        s.oidcTokenUrl = Optional.empty();
        s.oidcClientId = Optional.empty();
        s.oidcClientSecret = Optional.empty();
        s.oidcScopes = "openid profile";
        s.oidcDisplayName = Optional.empty();
        return s;
    }

    private static IdentitySettings singleSignOn() {
        IdentitySettings s = settings(null, null);
        s.oidcIssuer = Optional.of("https://idp.example.test");
        s.oidcAuthorizationUrl = Optional.of("https://idp.example.test/authorize");
        s.oidcTokenUrl = Optional.of("https://idp.example.test/token");
        s.oidcClientId = Optional.of("registry-console");
        s.oidcClientSecret = Optional.of("s3cret");
        return s;
    }

    @Test
    void theConsoleOffersSingleSignOnOnlyWhenEverySettingIsThere() {
        assertThat(settings(null, null).consoleSingleSignOn()).isFalse();
        IdentitySettings s = singleSignOn();
        s.check();
        assertThat(s.consoleSingleSignOn()).isTrue();
        assertThat(s.oidcDisplayName()).isEqualTo("idp.example.test");
        assertThat(s.oidcScopes()).isEqualTo("openid profile");
        s.oidcDisplayName = Optional.of("Example SSO");
        assertThat(s.oidcDisplayName()).isEqualTo("Example SSO");
    }

    @Test
    void aHalfConfiguredSingleSignOnStopsTheStartNamingTheSetting() {
        IdentitySettings noSecret = singleSignOn();
        noSecret.oidcClientSecret = Optional.of(" ");
        assertThatThrownBy(noSecret::check).hasMessageStartingWith("registry.auth.oidc.client-secret:");
        IdentitySettings noIssuer = singleSignOn();
        noIssuer.oidcIssuer = Optional.empty();
        assertThatThrownBy(noIssuer::check).hasMessageStartingWith("registry.auth.oidc.issuer:");
        IdentitySettings badUrl = singleSignOn();
        badUrl.oidcTokenUrl = Optional.of("file:/etc/passwd");
        assertThatThrownBy(badUrl::check).hasMessageStartingWith("registry.auth.oidc.token-url:");
        IdentitySettings userInfo = singleSignOn();
        userInfo.oidcAuthorizationUrl = Optional.of("https://user:pw@idp.example.test/authorize");
        assertThatThrownBy(userInfo::check).hasMessageStartingWith("registry.auth.oidc.authorization-url:");
        IdentitySettings noOpenid = singleSignOn();
        noOpenid.oidcScopes = "profile email";
        assertThatThrownBy(noOpenid::check).hasMessageStartingWith("registry.auth.oidc.scopes:");
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
