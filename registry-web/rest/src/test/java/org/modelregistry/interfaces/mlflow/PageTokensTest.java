package org.modelregistry.interfaces.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.security.SecretBox;
import org.modelregistry.infrastructure.security.SecretKeys;

class PageTokensTest {

    private final PageTokens tokens = tokens(new byte[32]);

    private static PageTokens tokens(byte[] key) {
        SecretBox box = new SecretBox(key, List.of());
        PageTokens t = new PageTokens();
        t.keys = new SecretKeys() {
            @Override
            public SecretBox box() {
                return box;
            }
        };
        return t;
    }

    @Test
    void aTokenContinuesTheSearchItWasIssuedFor() {
        String token = tokens.issue("registered-models", "name LIKE 'a%'", List.of("name DESC"), 100);
        assertThat(tokens.offset(token, "registered-models", "name LIKE 'a%'", List.of("name DESC")))
                .isEqualTo(100);
        assertThat(tokens.offset(null, "registered-models", null, List.of())).isZero();
        assertThat(token).doesNotContain("100").doesNotContain("name");
    }

    @Test
    void changedForgedOrMisusedTokensAreRefused() {
        String token = tokens.issue("registered-models", "name LIKE 'a%'", List.of(), 2);
        List<String> bad = new ArrayList<>();
        for (int i = token.lastIndexOf(':') + 1; i < token.length(); i++) {
            char c = token.charAt(i);
            bad.add(token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1));
        }
        bad.add("MTAw");
        bad.add(token + "A");
        bad.add(token.substring(0, token.length() - 1));
        bad.add(tokens(new byte[32]).issue("model-versions", "name LIKE 'a%'", List.of(), 2));
        bad.add(tokens(filled((byte) 7)).issue("registered-models", "name LIKE 'a%'", List.of(), 2));
        for (String b : bad) {
            assertThatThrownBy(() -> tokens.offset(b, "registered-models", "name LIKE 'a%'", List.of()))
                    .as(b)
                    .isInstanceOfSatisfying(
                            MlflowException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(MlflowException.INVALID_PARAMETER_VALUE));
        }
        assertThatThrownBy(() -> tokens.offset(token, "registered-models", "name LIKE 'b%'", List.of()))
                .as("issued for another filter")
                .isInstanceOf(MlflowException.class);
        assertThatThrownBy(() -> tokens.offset(token, "registered-models", "name LIKE 'a%'", List.of("name")))
                .as("issued for another order")
                .isInstanceOf(MlflowException.class);
    }

    private static byte[] filled(byte b) {
        byte[] key = new byte[32];
        Arrays.fill(key, b);
        return key;
    }
}
