package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Retention: a month is archived with a signed manifest, and its partition dropped only once archived and past the
 * retention period (P1D on the test server); the chain stays verifiable across the hole, checkpoints included.
 */
class AuditArchiveIT extends RegistryDeployment {

    /** A record of the given month written as a request's transaction writes it (pending, to be linked). */
    private static void pendingRecordIn(YearMonth month) {
        String id = UUID.randomUUID().toString();
        Api.update(
                "INSERT INTO audit_event (id, occurred_at, actor, action, object_type, object_id, details)"
                        + " VALUES (?::uuid, CAST(? AS timestamptz), 'archivist', 'test.old', 'test', ?::uuid, '{}')",
                id,
                month.atDay(15) + "T12:00:00Z",
                id);
    }

    private static JsonObject verify() {
        Reply r = Api.get("/audit/verify");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** A closed month that no test (nor earlier run against this test database) has archived, with partitions. */
    private static YearMonth unarchivedMonth() {
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        while (Api.count(
                        "SELECT count(*) FROM audit_archive WHERE month = CAST(? AS date)",
                        month.atDay(1).toString())
                > 0) {
            month = month.minusMonths(1);
        }
        Api.count("SELECT audit_event_ensure_partitions(CAST(? AS timestamptz), 12)", month.atDay(1) + "T00:00:00Z");
        return month;
    }

    @Test
    void aRecordThatLandsInAnArchivedMonthStopsItsDrop() {
        YearMonth month = unarchivedMonth();
        String partition = String.format("audit_event_%04d_%02d", month.getYear(), month.getMonthValue());
        pendingRecordIn(month);
        verify();
        Reply archived = Api.post("/audit/archives", "{\"month\":\"" + month + "\"}");
        assertThat(archived.status()).as(archived.body()).isEqualTo(201);
        // a record written into the month after its archive (a late commit, or someone with the database)
        pendingRecordIn(month);
        verify();
        Reply dropped = Api.delete("/audit/partitions/" + month);
        assertThat(dropped.status()).as(dropped.body()).isEqualTo(409);
        assertThat(dropped.json().getString("detail")).contains("no longer holds what was archived");
        assertThat(Api.count("SELECT count(*) FROM pg_class WHERE relname = ?", partition))
                .isOne();
    }

    @Test
    void anArchivedMonthIsDroppedOnlyPastRetentionAndTheChainStillVerifies() throws Exception {
        YearMonth old = unarchivedMonth();
        String partition = String.format("audit_event_%04d_%02d", old.getYear(), old.getMonthValue());
        YearMonth month = old;

        // records of the old month interleave in the chain with today's (a late commit is linked late)
        pendingRecordIn(old);
        verify();
        Api.createModel("archive", "LOW");
        pendingRecordIn(old);
        verify();
        Api.createModel("archive", "LOW");
        Reply checkpoint = Api.post("/audit/checkpoints", "");
        assertThat(checkpoint.status()).isEqualTo(201);

        Reply early = Api.delete("/audit/partitions/" + old);
        assertThat(early.status()).as("never without an archive").isEqualTo(409);
        assertThat(Api.post("/audit/archives", "{\"month\":\"" + YearMonth.now(ZoneOffset.UTC) + "\"}")
                        .status())
                .as("a month that has not ended")
                .isEqualTo(422);
        assertThat(Api.post("/audit/archives", "{\"month\":\"October\"}").status())
                .isEqualTo(422);

        Reply archived = Api.post("/audit/archives", "{\"month\":\"" + old + "\"}");
        assertThat(archived.status()).as(archived.body()).isEqualTo(201);
        JsonObject archive = archived.json();
        assertThat(archive.getJsonNumber("records").longValue()).isEqualTo(2);
        Path file = Path.of(archive.getString("file"));
        assertThat(file).exists().startsWith(Path.of(System.getProperty("registry.it.data.dir")));
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))))
                .isEqualTo(archive.getString("sha256"));
        assertThat(archive.getString("manifest").split("\\.")).hasSize(3);
        assertThat(Api.get("/audit/archives").jsonAny().asJsonArray().stream()
                        .map(JsonValue::asJsonObject)
                        .anyMatch(a -> a.getString("month").equals(month.toString())))
                .isTrue();

        Reply dropped = Api.delete("/audit/partitions/" + old);
        assertThat(dropped.status()).as(dropped.body()).isEqualTo(200);
        assertThat(dropped.json().getString("droppedBy")).isEqualTo("admin");
        assertThat(Api.count("SELECT count(*) FROM pg_class WHERE relname = ?", partition))
                .isZero();
        assertThat(Api.count("SELECT count(*) FROM audit_bridge"))
                .as("the interleaved records keep their links")
                .isPositive();

        JsonObject after = verify();
        assertThat(after.getBoolean("intact")).as(after.toString()).isTrue();
        assertThat(after.getInt("checkpointsChecked")).isPositive();
        assertThat(Api.get("/audit?action=audit.partition.dropped").json().getJsonArray("items"))
                .isNotEmpty();
        assertThat(Api.delete("/audit/partitions/" + old).status()).as("once").isEqualTo(409);
        assertThat(Api.post("/audit/archives", "{\"month\":\"" + old + "\"}").status())
                .isEqualTo(409);
    }
}
