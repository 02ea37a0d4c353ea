package org.modelregistry.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void lineBreaksAndControlCharactersCannotStartANewLogLine() {
        String forged = LogSafe.of("mallory\r\n[4/1/26 10:00:00:000 UTC] 00000042 I admin signed in\u2028\u0000\u001b");
        assertThat(forged)
                .doesNotContain("\n", "\r", "\u2028", "\u0000", "\u001b")
                .isEqualTo("mallory\\r\\n[4/1/26 10:00:00:000 UTC] 00000042 I admin signed in\\u2028\\u0000\\u001b");
    }

    @Test
    void aBackslashIsDoubledSoThatAnEscapeCannotBeFaked() {
        assertThat(LogSafe.of("a\\nb")).isEqualTo("a\\\\nb");
        assertThat(LogSafe.of("a\tb")).isEqualTo("a\\tb");
    }

    @Test
    void longValuesAreCutAndSayHowLongTheyWere() {
        String cut = LogSafe.of("x".repeat(1_000_000));
        assertThat(cut).startsWith("x".repeat(LogSafe.MAX_CHARS)).endsWith("...(1000000 chars)");
        assertThat(cut.length()).isLessThan(LogSafe.MAX_CHARS + 30);
        assertThat(LogSafe.of("ab\uD83D\uDE00cd", 3)).isEqualTo("ab...(6 chars)");
    }

    @Test
    void ordinaryValuesAreUnchanged() {
        assertThat(LogSafe.of("alice@example.com")).isEqualTo("alice@example.com");
        assertThat(LogSafe.of("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(LogSafe.of("grüße €")).isEqualTo("grüße €");
        assertThat(LogSafe.of(null)).isEqualTo("null");
    }
}
