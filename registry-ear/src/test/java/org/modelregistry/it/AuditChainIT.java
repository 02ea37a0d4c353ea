package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** The audit log is append-only and hash-chained; verification finds a row edited behind the application's back. */
class AuditChainIT extends RegistryDeployment {

    private static JsonObject verify() {
        Reply r = Api.get("/audit/verify");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theChainIsIntactAndGrowsWithEveryChange() {
        JsonObject before = verify();
        assertThat(before.getBoolean("intact")).as(before.toString()).isTrue();
        Api.createModel("audit-chain", "LOW");
        JsonObject after = verify();
        assertThat(after.getBoolean("intact")).as(after.toString()).isTrue();
        assertThat(after.getJsonNumber("chained").longValue())
                .isGreaterThan(before.getJsonNumber("chained").longValue());
        assertThat(after.getString("headHash")).hasSize(64);
    }

    @Test
    void auditorsSearchTheLogNewestFirst() {
        String id = Api.createModel("audit-chain", "HIGH").getString("id");
        Api.patch("/models/" + id, "{\"description\":\"changed\"}");
        verify(); // links the records still pending, so that they carry their hashes
        Reply r = Api.get("/audit?objectId=" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var items = r.json().getJsonArray("items");
        assertThat(items).hasSize(2);
        assertThat(items.getJsonObject(0).getString("action")).isEqualTo("model.updated");
        assertThat(items.getJsonObject(1).getString("action")).isEqualTo("model.created");
        assertThat(items.getJsonObject(1).getJsonObject("details").getString("riskTier"))
                .isEqualTo("HIGH");
        assertThat(items.getJsonObject(0).getString("hash")).hasSize(64);
        JsonObject changed = items.getJsonObject(0).getJsonObject("details").getJsonObject("changes");
        assertThat(changed.keySet())
                .as("before and after of what changed, nothing else")
                .containsExactly("description");
        assertThat(changed.getJsonObject("description").getString("after")).isEqualTo("changed");

        Reply page = Api.get("/audit?actor=admin&limit=1");
        assertThat(page.json().getJsonArray("items")).hasSize(1);
        String next = page.json().getString("nextCursor");
        Reply second = Api.get("/audit?actor=admin&limit=1&cursor=" + next);
        assertThat(second.json().getJsonArray("items").getJsonObject(0).getString("id"))
                .isNotEqualTo(page.json().getJsonArray("items").getJsonObject(0).getString("id"));
        assertThat(Api.get("/audit?from=yesterday").status()).isEqualTo(400);
        String comment = "needle" + id.substring(0, 8);
        Api.createVersion(id, "1.0.0");
        Api.post(
                "/models/" + id + "/versions/1.0.0/transitions",
                "{\"to\":\"IN_REVIEW\",\"comment\":\"looks " + comment.toUpperCase() + " ready\"}");
        var found = Api.get("/audit?q=" + comment).json().getJsonArray("items");
        assertThat(found).hasSize(1);
        assertThat(found.getJsonObject(0).getString("action")).isEqualTo("version.transition");
        assertThat(Api.get("/audit?q=" + "100%25_").json().getJsonArray("items"))
                .as("wildcards are literal")
                .isEmpty();
        assertThat(Api.get("/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")
                        .json()
                        .getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void rowsCannotBeChangedOrDeleted() {
        Api.createModel("audit-chain", "LOW");
        assertThatThrownBy(() -> Api.update(
                        "UPDATE audit_event SET actor = 'mallory' WHERE seq = (SELECT max(seq)" + " FROM audit_event)"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> Api.update("DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)"))
                .hasMessageContaining("append-only");
    }

    @Test
    void recordsAreLinkedAfterCommitAndTheirContentNeverChanges() {
        String id = Api.createModel("audit-chain", "LOW").getString("id");
        // nobody asks: the server's chainer links the committed record within moments
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> Api.count(
                                "SELECT count(*) FROM audit_event"
                                        + " WHERE object_id = ?::uuid AND seq IS NOT NULL AND hash IS NOT NULL",
                                id)
                        == 1);

        // a pending record (as a request's transaction writes it) can be linked once, never edited
        String pending = UUID.randomUUID().toString();
        Api.update(
                "INSERT INTO audit_event (id, occurred_at, actor, action, object_type, object_id, details)"
                        + " VALUES (?::uuid, now(), 'dba', 'test.pending', 'test', ?::uuid, '{}')",
                pending,
                pending);
        assertThatThrownBy(() -> Api.update("UPDATE audit_event SET actor = 'mallory' WHERE id = ?::uuid", pending))
                .hasMessageContaining("append-only");
        assertThat(verify().getBoolean("intact")).isTrue();
        assertThat(Api.count("SELECT count(*) FROM audit_event WHERE id = ?::uuid AND seq IS NOT NULL", pending))
                .isEqualTo(1);
        assertThatThrownBy(() -> Api.update("UPDATE audit_event SET seq = seq + 1000000 WHERE id = ?::uuid", pending))
                .as("linked once")
                .hasMessageContaining("append-only");
    }

    @Test
    void anEditBehindTheApplicationsBackBreaksTheChainWhereItHappened() throws Exception {
        String id = Api.createModel("audit-chain", "LOW").getString("id");
        Api.createModel("audit-chain", "LOW"); // the edited row is not the head
        verify(); // links what is pending
        long seq = Api.count("SELECT seq FROM audit_event WHERE object_id = ?::uuid AND action = 'model.created'", id);
        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            // the database owner can switch the trigger off; the chain still tells
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                s.executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE seq = " + seq);
                JsonObject broken = verify();
                assertThat(broken.getBoolean("intact")).isFalse();
                assertThat(broken.getJsonNumber("firstBrokenSeq").longValue()).isEqualTo(seq);
            } finally {
                s.executeUpdate("UPDATE audit_event SET actor = 'admin' WHERE seq = " + seq);
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        assertThat(verify().getBoolean("intact")).as("restored").isTrue();
    }

    @Test
    void refusedAttemptsAreRecordedWithTheClientAddressAndOutcome() {
        String model = Api.createModel("audit-chain", "LOW").getString("id");
        String viewer = Api.member("VIEWER");
        assertThat(Api.patch("/models/" + model, "{\"description\":\"x\"}", "Authorization", viewer)
                        .status())
                .isEqualTo(403);
        assertThat(Api.patch("/models/" + model, "{\"riskTier\":\"ENORMOUS\"}").status())
                .isEqualTo(422);
        var items = Api.get("/audit?objectId=" + model + "&action=request.refused")
                .json()
                .getJsonArray("items");
        assertThat(items).hasSize(2);
        JsonObject failed = items.getJsonObject(0);
        JsonObject denied = items.getJsonObject(1);
        assertThat(failed.getString("outcome")).isEqualTo("FAILED");
        assertThat(failed.getString("actor")).isEqualTo("admin");
        assertThat(failed.getJsonObject("details").getInt("status")).isEqualTo(422);
        assertThat(failed.getJsonObject("details").getString("problem")).endsWith("/invalid-input");
        assertThat(denied.getString("outcome")).isEqualTo("DENIED");
        assertThat(denied.getJsonObject("details").getString("method")).isEqualTo("PATCH");
        assertThat(denied.getString("clientAddress")).isEqualTo("127.0.0.1");
        JsonObject created = Api.get("/audit?objectId=" + model + "&action=model.created")
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(created.getString("outcome")).isEqualTo("SUCCESS");
        assertThat(created.getString("clientAddress")).isEqualTo("127.0.0.1");
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void theLogIsPartitionedByMonthAndCannotBeTruncated() {
        assertThat(Api.count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_event'::regclass"))
                .as("this month and the next twelve")
                .isGreaterThanOrEqualTo(13);
        assertThatThrownBy(() -> Api.update("TRUNCATE audit_event")).hasMessageContaining("append-only");
        String partition =
                "audit_event_" + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy_MM"));
        assertThatThrownBy(() -> Api.update("TRUNCATE " + partition)).hasMessageContaining("append-only");
    }

    @Test
    void verificationCoversATimeRange() {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        Api.createModel("audit-chain", "LOW");
        Api.createModel("audit-chain", "LOW");
        Reply r = Api.get("/audit/verify?from=" + start + "&to=" + start.plusHours(1));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().getBoolean("intact")).isTrue();
        assertThat(r.json().getJsonNumber("chained").longValue()).isBetween(2L, 500L);
        assertThat(Api.get("/audit/verify?from=2001-01-01T00:00:00Z&to=2001-02-01T00:00:00Z")
                        .json()
                        .getJsonNumber("chained")
                        .longValue())
                .isZero();
        assertThat(Api.get("/audit/verify?from=last-week").status()).isEqualTo(400);
    }

    @Test
    void aChainRewrittenWholeStillDisagreesWithTheSignedCheckpoints() throws Exception {
        String id = Api.createModel("audit-chain", "LOW").getString("id");
        Reply taken = Api.post("/audit/checkpoints", "");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        long checkpointSeq = taken.json().getJsonNumber("seq").longValue();
        Path file = Path.of(
                System.getProperty("registry.it.data.dir"),
                "audit-checkpoints",
                String.format("%020d.jws", checkpointSeq));
        assertThat(file).exists();
        assertThat(Api.get("/audit/checkpoints")
                        .jsonAny()
                        .asJsonArray()
                        .getJsonObject(0)
                        .getString("jws"))
                .isEqualTo(taken.json().getString("jws"));
        Api.createModel("audit-chain", "LOW"); // the head moves on past the checkpoint
        JsonObject fine = verify();
        assertThat(fine.getBoolean("intact")).isTrue();
        assertThat(fine.getInt("checkpointsChecked")).isPositive();

        long seq = Api.count("SELECT seq FROM audit_event WHERE object_id = ?::uuid AND action = 'model.created'", id);
        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                rewrite(s, seq, "mallory");
                JsonObject rewritten = verify();
                assertThat(rewritten.containsKey("firstBrokenSeq"))
                        .as("every link recomputed: the chain alone agrees")
                        .isFalse();
                assertThat(rewritten.getBoolean("intact")).isFalse();
                assertThat(rewritten.getJsonNumber("firstFailedCheckpoint").longValue())
                        .isEqualTo(checkpointSeq);
                assertThat(rewritten.getString("checkpointProblem")).contains("hash differs");
            } finally {
                rewrite(s, seq, "admin");
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        assertThat(verify().getBoolean("intact")).as("restored").isTrue();
    }

    /** What an attacker with the owner's rights does: edit a record and recompute every hash after it. */
    private static void rewrite(Statement s, long seq, String actor) throws Exception {
        s.executeUpdate("UPDATE audit_event SET actor = '" + actor + "' WHERE seq = " + seq);
        s.execute("DO $$ DECLARE r audit_event; previous varchar(64); earlier varchar(64); BEGIN"
                + " SELECT hash INTO previous FROM audit_event WHERE seq < " + seq + " ORDER BY seq DESC LIMIT 1;"
                + " FOR r IN SELECT * FROM audit_event WHERE seq >= " + seq + " ORDER BY seq LOOP"
                + "   earlier := previous;"
                + "   previous := encode(sha256(convert_to(coalesce(earlier, '') || '|' || audit_event_canonical(r),"
                + "     'UTF8')), 'hex');"
                + "   UPDATE audit_event SET prev_hash = earlier, hash = previous WHERE id = r.id;"
                + " END LOOP; END $$");
    }
}
