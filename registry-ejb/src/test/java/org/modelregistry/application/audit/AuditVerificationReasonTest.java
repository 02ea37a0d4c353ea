package org.modelregistry.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What verification says about the first bad record, and what a drop statement signs. */
class AuditVerificationReasonTest {

    @Test
    void aChangedRecordIsAHashMismatch() {
        assertThat(AuditServiceBean.why(10, false, 9L)).startsWith("hash mismatch");
    }

    @Test
    void aLinkBrokenAcrossAGapNamesTheMissingSequenceNumbers() {
        assertThat(AuditServiceBean.why(10, true, 8L)).startsWith("missing sequence: seq 9 before it");
        assertThat(AuditServiceBean.why(10, true, 5L)).startsWith("missing sequence: seq 6..9 before it");
    }

    @Test
    void aLinkBrokenWithoutAGapIsABrokenLink() {
        assertThat(AuditServiceBean.why(10, true, 9L))
                .isEqualTo("broken link: the hash it was linked to is not its" + " predecessor's (seq 9)");
        assertThat(AuditServiceBean.why(1, true, null)).startsWith("broken link");
    }

    @Test
    void theDropStatementListsEveryBridgeAndCountWithTheManifestsRange() {
        JsonObject manifest = Json.createObjectBuilder()
                .add("records", 2)
                .add("firstSeq", 4)
                .add("lastSeq", 7)
                .build();
        String text = AuditFacts.dropStatement(
                "2026-01",
                manifest,
                "2026-03-01T00:00:00Z",
                "admin",
                List.<Object[]>of(new Object[] {5L, "ab"}, new Object[] {8L, "cd"}),
                List.<Object[]>of(new Object[] {9L, 2L}));
        JsonObject statement = Json.createReader(new StringReader(text)).readObject();
        assertThat(statement.getString("format")).isEqualTo(AuditFacts.DROP_FORMAT);
        assertThat(statement.getJsonNumber("firstSeq").longValue()).isEqualTo(4);
        assertThat(statement.getJsonNumber("lastSeq").longValue()).isEqualTo(7);
        assertThat(statement.getJsonArray("bridges")).hasSize(2);
        assertThat(statement.getJsonArray("bridges").getJsonObject(1).getString("prevHash"))
                .isEqualTo("cd");
        assertThat(statement
                        .getJsonArray("counts")
                        .getJsonObject(0)
                        .getJsonNumber("checkpointSeq")
                        .longValue())
                .isEqualTo(9);
    }
}
