package org.modelregistry.interfaces.web.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The state of a single sign-on between the redirect to the provider and its redirect back. */
class PendingSignOnTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void onlyThisSignInsStateMatchesAndOnlyForTenMinutes() {
        PendingSignOn pending = PendingSignOn.begin("/models.xhtml", NOW);
        assertThat(pending.matches(pending.state(), NOW + 1000)).isTrue();
        assertThat(pending.matches(pending.state(), NOW + PendingSignOn.LIFETIME_MILLIS))
                .isTrue();
        assertThat(pending.matches(pending.state(), NOW + PendingSignOn.LIFETIME_MILLIS + 1))
                .isFalse();
        assertThat(pending.matches(pending.state(), NOW - 1)).isFalse();
        assertThat(pending.matches(null, NOW)).isFalse();
        assertThat(pending.matches("", NOW)).isFalse();
        assertThat(pending.matches(pending.state() + "x", NOW)).isFalse();
        assertThat(pending.matches(pending.nonce(), NOW)).isFalse();
        assertThat(pending.matches(PendingSignOn.begin("/", NOW).state(), NOW)).isFalse();
    }

    @Test
    void statesNoncesAndVerifiersAreFreshUnguessableAndFitPkce() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            PendingSignOn p = PendingSignOn.begin("/", NOW);
            for (String value : new String[] {p.state(), p.nonce(), p.verifier()}) {
                // 256 bits in base64url; RFC 7636: 43 to 128 characters of [A-Za-z0-9-._~]
                assertThat(value).hasSize(43).matches("[A-Za-z0-9_-]+");
                assertThat(seen.add(value)).isTrue();
            }
        }
    }

    @Test
    void theChallengeIsS256OfTheVerifier() {
        // RFC 7636, appendix B
        PendingSignOn rfc = new PendingSignOn("s", "n", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "/", NOW);
        assertThat(rfc.codeChallenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void itsSecretsNeverShowInLogs() {
        PendingSignOn p = PendingSignOn.begin("/index.xhtml", NOW);
        assertThat(p.toString())
                .doesNotContain(p.state())
                .doesNotContain(p.nonce())
                .doesNotContain(p.verifier())
                .contains("/index.xhtml");
    }

    @Test
    void theButtonKeepsThePageToReturnTo() {
        assertThat(SingleSignOn.startPath("/console", null)).isEqualTo("/console/sso/start");
        assertThat(SingleSignOn.startPath("/console", "/models.xhtml?id=1&x=2"))
                .isEqualTo("/console/sso/start?next=%2Fmodels.xhtml%3Fid%3D1%26x%3D2");
    }
}
