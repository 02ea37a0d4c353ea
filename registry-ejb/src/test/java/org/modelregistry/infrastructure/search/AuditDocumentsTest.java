package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuditDocumentsTest {

    @Test
    void theDetailsTextHoldsEveryKeyAndScalarValueNestedOrNot() {
        String text = AuditDocuments.text("{\"comment\":\"Looks good\",\"changes\":{\"riskTier\":{\"before\":\"LOW\","
                + "\"after\":\"HIGH\"}},\"tags\":[\"fraud\",\"cards\"],\"status\":403,\"passwordChanged\":true,"
                + "\"problem\":null}");
        assertThat(text.split(" "))
                .contains("comment", "Looks", "good", "changes", "riskTier", "before", "LOW", "after", "HIGH")
                .contains("tags", "fraud", "cards", "status", "403", "passwordChanged", "true", "problem")
                .doesNotContain("null", "{", "\"");
    }

    @Test
    void actorsAndActionsAreSplitIntoWords() {
        assertThat(AuditDocuments.words("sso:idp.example/u-1", "version.approved"))
                .isEqualTo("sso idp example u 1 version approved");
    }

    @Test
    void textThatIsNotJsonIsKeptAsItIs() {
        assertThat(AuditDocuments.text("not json")).isEqualTo("not json");
    }
}
