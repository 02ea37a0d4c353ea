package org.modelregistry.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.modelregistry.api.problem.InvalidInputException;

class PasswordHashTest {

    @Test
    void hashesInTheJakartaSecurityFormatAndVerifies() {
        String hash = PasswordHash.hash("correct horse battery".toCharArray(), 1000);
        assertThat(hash).startsWith("PBKDF2WithHmacSHA256:1000:").doesNotContain("correct");
        assertThat(hash.split(":")).hasSize(4);
        assertThat(PasswordHash.verify("correct horse battery".toCharArray(), hash))
                .isTrue();
        assertThat(PasswordHash.verify("correct horse batterY".toCharArray(), hash))
                .isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(PasswordHash.hash("same".toCharArray(), 1000))
                .isNotEqualTo(PasswordHash.hash("same".toCharArray(), 1000));
    }

    @Test
    void refusesMalformedHashes() {
        assertThat(PasswordHash.verify("x".toCharArray(), null)).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "MD5:1:abc:def")).isFalse();
        assertThat(PasswordHash.verify("x".toCharArray(), "PBKDF2WithHmacSHA256:x:%%:%%"))
                .isFalse();
    }

    @Test
    void usersNeedALongEnoughPasswordAndAValidName() {
        assertThatThrownBy(() -> User.administrator("admin", "short".toCharArray(), 1000))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> User.administrator("bad name", "long-enough-password".toCharArray(), 1000))
                .isInstanceOf(InvalidInputException.class);
        User admin = User.administrator("admin", "long-enough-password".toCharArray(), 1000);
        assertThat(admin.isRegistryAdmin()).isTrue();
        assertThat(admin.authenticates("long-enough-password".toCharArray(), PasswordHash.dummy(1000)))
                .isTrue();
        assertThat(admin.authenticates("long-enough-passwore".toCharArray(), PasswordHash.dummy(1000)))
                .isFalse();
    }

    @Test
    void theDummyHashCostsWhatARealOneDoesAndIsComputedOnce() {
        assertThat(PasswordHash.dummy(1000))
                .startsWith("PBKDF2WithHmacSHA256:1000:")
                .isSameAs(PasswordHash.dummy(1000));
        assertThat(PasswordHash.dummy(2000)).startsWith("PBKDF2WithHmacSHA256:2000:");
    }

    @Test
    void userNamesAndPasswordsAreBoundedBeforeAnyWork() {
        assertThat(User.isValidUsername("alice.b@example-1")).isTrue();
        assertThat(User.isValidUsername("a".repeat(65))).isFalse();
        assertThat(User.isValidUsername("x".repeat(1_000_000))).isFalse();
        assertThat(User.isValidUsername("evil\nINFO forged")).isFalse();
        assertThat(User.isBoundedPassword("p".repeat(1024))).isTrue();
        assertThat(User.isBoundedPassword("p".repeat(1025))).isFalse();
        assertThat(User.isBoundedPassword("\u00e9".repeat(513)))
                .as("1026 bytes in UTF-8")
                .isFalse();
        assertThatThrownBy(() -> User.administrator("admin", "p".repeat(2048).toCharArray(), 1000))
                .isInstanceOf(InvalidInputException.class);
    }
}
