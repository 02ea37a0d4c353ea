package org.modelregistry.interfaces.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsolePathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"/models.xhtml", "/model.xhtml?id=1b2c", "/search.xhtml?q=fraud%20model&tag=x", "/index.xhtml"})
    void aConsolePathIsWhereSignInReturns(String next) {
        assertThat(ConsolePaths.afterSignIn(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://evil.example/",
                "//evil.example/x",
                "/\\evil.example",
                "/%2F%2Fevil.example",
                "/%2f/evil.example",
                "/%5Cevil.example",
                "javascript:alert(1)",
                "models.xhtml",
                "/x\r\nSet-Cookie: a=b",
                "/%0d%0aSet-Cookie:a=b",
                "/%zz",
                "/login.xhtml?next=https://evil.example",
                ""
            })
    void anythingElseReturnsToTheDashboard(String next) {
        assertThat(ConsolePaths.afterSignIn(next)).isEqualTo(ConsolePaths.HOME);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\"b", "<x>", "a&b"})
    void xmlAttributesAreEscaped(String value) {
        assertThat(ConsolePaths.xmlAttribute(value))
                .doesNotContain("\"", "<", ">")
                .doesNotContainPattern("&(?!amp;|quot;|lt;|gt;)");
    }
}
