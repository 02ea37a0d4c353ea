package org.modelregistry.domain.audit;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * The payload signed when a month's partition is dropped: what was kept for the month (its bridges and per-checkpoint
 * counts) and the range of its manifest. Verification trusts audit_bridge and audit_archive_count rows only as far as
 * a signed statement lists them, so the text must stay as it is for existing statements to keep verifying.
 */
public final class DropStatement {

    public static final String FORMAT = "model-registry-audit-drop/1";

    private DropStatement() {}

    public static String payload(
            String month,
            JsonObject manifest,
            String droppedAt,
            String droppedBy,
            List<AuditBridge> bridges,
            List<AuditArchiveCount> counts) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        bridges.forEach(
                r -> b.add(Json.createObjectBuilder().add("seq", r.seq()).add("prevHash", r.prevHash())));
        JsonArrayBuilder c = Json.createArrayBuilder();
        counts.forEach(r -> c.add(Json.createObjectBuilder()
                .add("checkpointSeq", r.checkpointSeq())
                .add("records", r.records())));
        var payload = Json.createObjectBuilder()
                .add("format", FORMAT)
                .add("month", month)
                .add("records", manifest.getJsonNumber("records").longValue())
                .add("droppedAt", droppedAt)
                .add("droppedBy", droppedBy)
                .add("bridges", b)
                .add("counts", c);
        if (manifest.containsKey("firstSeq")) {
            payload.add("firstSeq", manifest.getJsonNumber("firstSeq").longValue())
                    .add("lastSeq", manifest.getJsonNumber("lastSeq").longValue());
        }
        return payload.build().toString();
    }
}
