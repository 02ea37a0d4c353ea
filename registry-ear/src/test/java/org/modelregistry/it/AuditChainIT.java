package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.Statement;
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
        assertThat(before.getBoolean("intact")).isTrue();
        Api.createModel("audit-chain", "LOW");
        JsonObject after = verify();
        assertThat(after.getBoolean("intact")).isTrue();
        assertThat(after.getJsonNumber("chained").longValue()).isGreaterThan(before.getJsonNumber("chained").longValue());
        assertThat(after.getString("headHash")).hasSize(64);
    }

    @Test
    void auditorsSearchTheLogNewestFirst() {
        String id = Api.createModel("audit-chain", "HIGH").getString("id");
        Api.patch("/models/" + id, "{\"description\":\"changed\"}");
        Reply r = Api.get("/audit?objectId=" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        var items = r.json().getJsonArray("items");
        assertThat(items).hasSize(2);
        assertThat(items.getJsonObject(0).getString("action")).isEqualTo("model.updated");
        assertThat(items.getJsonObject(1).getString("action")).isEqualTo("model.created");
        assertThat(items.getJsonObject(1).getJsonObject("details").getString("riskTier")).isEqualTo("HIGH");
        assertThat(items.getJsonObject(0).getString("hash")).hasSize(64);

        Reply page = Api.get("/audit?actor=admin&limit=1");
        assertThat(page.json().getJsonArray("items")).hasSize(1);
        String next = page.json().getString("nextCursor");
        Reply second = Api.get("/audit?actor=admin&limit=1&cursor=" + next);
        assertThat(second.json().getJsonArray("items").getJsonObject(0).getString("id"))
                .isNotEqualTo(page.json().getJsonArray("items").getJsonObject(0).getString("id"));
        assertThat(Api.get("/audit?from=yesterday").status()).isEqualTo(400);
        assertThat(Api.get("/audit?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").json().getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void rowsCannotBeChangedOrDeleted() {
        Api.createModel("audit-chain", "LOW");
        assertThatThrownBy(() -> Api.update("UPDATE audit_event SET actor = 'mallory' WHERE seq = (SELECT max(seq)"
                + " FROM audit_event)")).hasMessageContaining("append-only");
        assertThatThrownBy(() -> Api.update("DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)"))
                .hasMessageContaining("append-only");
    }

    @Test
    void anEditBehindTheApplicationsBackBreaksTheChainWhereItHappened() throws Exception {
        String id = Api.createModel("audit-chain", "LOW").getString("id");
        Api.createModel("audit-chain", "LOW"); // the edited row is not the head
        long seq = Api.count("SELECT seq FROM audit_event WHERE object_id = ?::uuid AND action = 'model.created'", id);
        try (Connection c = Api.db(); Statement s = c.createStatement()) {
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
}
