package org.modelregistry.domain.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CiSignaturesTest {

    private static final String SECRET = "It's a Secret to Everybody";

    @Test
    void githubsDocumentedExampleVerifies() {
        // GitHub Docs, "Validating webhook deliveries": this secret and payload give this signature
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(CiSignatures.github(SECRET, body)).isEqualTo(documented);
        assertThat(CiSignatures.githubValid(SECRET, documented, body)).isTrue();
    }

    @Test
    void aSignatureOfAnotherBodyOrWithAnotherSecretIsRefused() {
        byte[] body = "{\"action\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        byte[] other = "{\"action\":\"completed\" }".getBytes(StandardCharsets.UTF_8);
        String signature = CiSignatures.github(SECRET, body);
        assertThat(CiSignatures.githubValid(SECRET, signature, other)).isFalse();
        assertThat(CiSignatures.githubValid("another secret of 26 chars", signature, body))
                .isFalse();
        assertThat(CiSignatures.githubValid(SECRET, signature.toUpperCase(), body))
                .as("the prefix and hex as GitHub sends them")
                .isFalse();
        assertThat(CiSignatures.githubValid(SECRET, signature.substring("sha256=".length()), body))
                .as("without the algorithm")
                .isFalse();
        assertThat(CiSignatures.githubValid(SECRET, null, body)).as("missing").isFalse();
        assertThat(CiSignatures.githubValid(SECRET, "", body)).isFalse();
        assertThat(CiSignatures.githubValid(null, signature, body))
                .as("a target without an event secret")
                .isFalse();
    }

    @Test
    void tokensMatchExactly() {
        assertThat(CiSignatures.tokenValid(SECRET, SECRET)).isTrue();
        assertThat(CiSignatures.tokenValid(SECRET, SECRET + " ")).isFalse();
        assertThat(CiSignatures.tokenValid(SECRET, SECRET.substring(0, SECRET.length() - 1)))
                .isFalse();
        assertThat(CiSignatures.tokenValid(SECRET, "")).isFalse();
        assertThat(CiSignatures.tokenValid(SECRET, null)).isFalse();
        assertThat(CiSignatures.tokenValid(null, null))
                .as("no secret matches nothing")
                .isFalse();
    }

    /**
     * The comparator's timing cannot be measured reliably in a unit test; what it must not do is compare the given
     * value as it is (where a prefix or a length would show): it compares digests of equal length, so values that
     * differ only in their last character, their length, or everything are refused alike.
     */
    @Test
    void theComparatorComparesDigestsOfEqualLength() {
        String expected = "s3cr3t-0123456789abcdef";
        assertThat(CiSignatures.constantTimeEquals(expected, expected)).isTrue();
        assertThat(CiSignatures.constantTimeEquals(expected, "s3cr3t-0123456789abcdeF"))
                .isFalse();
        assertThat(CiSignatures.constantTimeEquals(expected, "s")).isFalse();
        assertThat(CiSignatures.constantTimeEquals(expected, expected + expected))
                .isFalse();
        assertThat(CiSignatures.constantTimeEquals(expected, "x".repeat(10_000)))
                .isFalse();
        assertThat(CiSignatures.constantTimeEquals(null, expected)).isFalse();
        assertThat(CiSignatures.constantTimeEquals("é", "é"))
                .as("UTF-8 both sides")
                .isTrue();
    }
}
