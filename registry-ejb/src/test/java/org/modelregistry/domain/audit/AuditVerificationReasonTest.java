package org.modelregistry.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What verification says about the first bad record, and what a drop statement signs. */
class AuditVerificationReasonTest {

    private static String why(long seq, boolean contentOk, Long priorSeq) {
        return new ChainBreak(seq, "id", contentOk, false, priorSeq).reason();
    }

    @Test
    void aChangedRecordIsAHashMismatch() {
        assertThat(why(10, false, 9L)).startsWith("hash mismatch");
    }

    @Test
    void aLinkBrokenAcrossAGapNamesTheMissingSequenceNumbers() {
        assertThat(why(10, true, 8L)).startsWith("missing sequence: seq 9 before it");
        assertThat(why(10, true, 5L)).startsWith("missing sequence: seq 6..9 before it");
    }

    @Test
    void aLinkBrokenWithoutAGapIsABrokenLink() {
        assertThat(why(10, true, 9L))
                .isEqualTo("broken link: the hash it was linked to is not its" + " predecessor's (seq 9)");
        assertThat(why(1, true, null)).startsWith("broken link");
    }

    @Test
    void theDropStatementListsEveryBridgeAndCountWithTheManifestsRange() {
        JsonObject manifest = Json.createObjectBuilder()
                .add("records", 2)
                .add("firstSeq", 4)
                .add("lastSeq", 7)
                .build();
        String text = DropStatement.payload(
                "2026-01",
                manifest,
                "2026-03-01T00:00:00Z",
                "admin",
                List.of(new AuditBridge(5L, "ab", "2026-01"), new AuditBridge(8L, "cd", "2026-01")),
                List.of(new AuditArchiveCount(9L, 2L, "2026-01")));
        JsonObject statement = Json.createReader(new StringReader(text)).readObject();
        assertThat(statement.getString("format")).isEqualTo(DropStatement.FORMAT);
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

    @Test
    void theDropStatementsTextIsTheSignedFormatFieldForField() {
        JsonObject manifest = Json.createObjectBuilder().add("records", 0).build();
        assertThat(DropStatement.payload(
                        "2025-11", manifest, "2026-01-02T03:04:05.123456Z", "admin", List.of(), List.of()))
                .isEqualTo("{\"format\":\"model-registry-audit-drop/1\",\"month\":\"2025-11\",\"records\":0,"
                        + "\"droppedAt\":\"2026-01-02T03:04:05.123456Z\",\"droppedBy\":\"admin\",\"bridges\":[],"
                        + "\"counts\":[]}");
    }
}
