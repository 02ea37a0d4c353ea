package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Issue 12, attack 3, as the attacker tries it: with the database login the application uses (registry_app), then as
 * a DBA with the schema owner's (registry), going around the application. The application's login cannot rewrite
 * the log at all; what the owner can do is named by verification: the first bad record, a deleted tail, archive rows
 * that no signature covers. The embedded services ask everyone for credentials. Every attack is undone afterwards,
 * so the other tests find the log intact.
 */
class AuditTamperIT extends RegistryDeployment {

    private static final String APP_URL = System.getProperty("registry.it.db.app.url");
    private static final Path DATA = Path.of(System.getProperty("registry.it.data.dir", "target/it-data"));

    private static Connection app() throws SQLException {
        return DriverManager.getConnection(APP_URL);
    }

    private static JsonObject verify() {
        Reply r = Api.get("/audit/verify");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The statement fails as PostgreSQL refuses a role the right (42501: insufficient privilege). */
    private static void refused(Statement s, String sql) {
        assertThatThrownBy(() -> s.execute(sql))
                .as(sql)
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42501"));
    }

    @Test
    void theApplicationsLoginCannotDisableTheTriggerDeleteUpdateTruncateOrForgeArchiveRows() throws Exception {
        Api.createModel("tamper", "LOW");
        verify();
        String partition =
                "audit_event_" + YearMonth.now(ZoneOffset.UTC).toString().replace('-', '_');
        try (Connection c = app();
                Statement s = c.createStatement()) {
            assertThat(c.getMetaData().getUserName()).isEqualTo("registry_app");
            refused(s, "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            refused(s, "ALTER TABLE " + partition + " DISABLE TRIGGER ALL");
            refused(s, "DROP TRIGGER audit_event_append_only ON audit_event");
            refused(
                    s,
                    "CREATE OR REPLACE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS"
                            + " $$ BEGIN RETURN NEW; END $$");
            refused(s, "SET session_replication_role = replica"); // would skip every trigger
            refused(s, "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)");
            refused(s, "DELETE FROM " + partition);
            refused(s, "UPDATE audit_event SET actor = 'mallory' WHERE seq = (SELECT max(seq) FROM audit_event)");
            refused(s, "UPDATE audit_chain_head SET seq = 1");
            refused(s, "TRUNCATE audit_event");
            refused(s, "TRUNCATE " + partition);
            refused(s, "ALTER TABLE audit_event DETACH PARTITION " + partition);
            refused(
                    s,
                    "INSERT INTO audit_archive (month, file, sha256, records, manifest, archived_at, archived_by,"
                            + " dropped_at) VALUES ('1990-01-01', 'x', 'x', 1, 'x.y.z', now(), 'mallory', now())");
            refused(s, "INSERT INTO audit_bridge (seq, prev_hash, month) VALUES (1, 'x', '1990-01-01')");
            refused(s, "INSERT INTO audit_archive_count (checkpoint_seq, month, records) VALUES (1, '1990-01-01', 1)");
            refused(s, "DELETE FROM audit_checkpoint");
            // what it may do: read the log and append to it
            try (var rs = s.executeQuery("SELECT count(*) FROM audit_event")) {
                assertThat(rs.next()).isTrue();
            }
        }
        assertThat(verify().getBoolean("intact")).isTrue();
    }

    @Test
    void aDbaDeletingARecordInTheMiddleIsNamedAndForgedBridgesDoNotHideIt() throws Exception {
        Api.createModel("tamper", "LOW");
        String victim = Api.createModel("tamper", "LOW").getString("id");
        Api.createModel("tamper", "LOW");
        verify(); // links what is pending
        long seq =
                Api.count("SELECT seq FROM audit_event WHERE object_id = ?::uuid AND action = 'model.created'", victim);
        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_event WHERE seq = " + seq);
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                s.executeUpdate("DELETE FROM audit_event WHERE seq = " + seq);
                long next = Api.count("SELECT min(seq) FROM audit_event WHERE seq > ?", seq);
                JsonObject broken = verify();
                assertThat(broken.getBoolean("intact")).isFalse();
                assertThat(broken.getJsonNumber("firstBrokenSeq").longValue()).isEqualTo(next);
                assertThat(broken.getString("firstBrokenId")).isNotBlank();
                assertThat(broken.getString("firstBrokenReason"))
                        .contains("missing sequence")
                        .contains("seq " + seq);

                // the old trick: a "dropped month" whose bridge carries the deleted record's hash
                s.executeUpdate("INSERT INTO audit_archive (month, file, sha256, records, first_seq, last_seq,"
                        + " manifest, archived_at, archived_by, dropped_at, dropped_by) VALUES ('1990-01-01',"
                        + " '/nowhere', 'x', 1, " + seq + ", " + seq + ", 'forged.forged.forged', now(), 'mallory',"
                        + " now(), 'mallory')");
                s.executeUpdate("INSERT INTO audit_bridge (seq, prev_hash, month) SELECT seq, prev_hash,"
                        + " '1990-01-01' FROM audit_event WHERE seq = " + next);
                JsonObject bridged = verify();
                assertThat(bridged.containsKey("firstBrokenSeq"))
                        .as("the forged bridge mends the link")
                        .isFalse();
                assertThat(bridged.getBoolean("intact")).isFalse();
                assertThat(bridged.getJsonArray("problems").getValuesAs(JsonString.class).stream()
                                .map(JsonString::getString)
                                .toList())
                        .anyMatch(p -> p.startsWith("audit_archive 1990-01"))
                        .anyMatch(p -> p.startsWith("audit_bridge seq " + next));
            } finally {
                s.executeUpdate("DELETE FROM audit_bridge WHERE month = '1990-01-01'");
                s.executeUpdate("DELETE FROM audit_archive WHERE month = '1990-01-01'");
                s.executeUpdate("INSERT INTO audit_event SELECT * FROM saved");
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        assertThat(verify().getBoolean("intact")).as("restored").isTrue();
    }

    @Test
    void aDbaDeletingTheTailIsCaughtByTheShippedCheckpoint() throws Exception {
        Api.createModel("tamper", "LOW");
        Api.createModel("tamper", "LOW");
        Reply taken = Api.post("/audit/checkpoints", "");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        long checkpoint = taken.json().getJsonNumber("seq").longValue();
        String name = String.format("%020d.jws", checkpoint);
        Path shipped = Path.of(System.getProperty("registry.it.checkpoint.dir")).resolve(name);
        Path local = DATA.resolve("audit-checkpoints").resolve(name);
        assertThat(shipped).exists();
        assertThat(Files.readString(shipped).trim()).isEqualTo(taken.json().getString("jws"));

        long from = Api.count("SELECT max(seq) FROM audit_event WHERE seq < ?", checkpoint);
        byte[] localCopy = Files.readAllBytes(local);
        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            // the last records and the head, gone; the checkpoint in the data directory too
            s.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_event WHERE seq >= " + from);
            s.execute("CREATE TEMP TABLE saved_head AS SELECT * FROM audit_chain_head");
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                s.executeUpdate("DELETE FROM audit_event WHERE seq >= " + from);
                s.executeUpdate("UPDATE audit_chain_head SET (seq, hash) = (SELECT seq, hash FROM audit_event"
                        + " WHERE seq < " + from + " ORDER BY seq DESC LIMIT 1)");
                Files.delete(local);
                JsonObject truncated = verify();
                assertThat(truncated.getBoolean("intact")).isFalse();
                assertThat(truncated.getBoolean("truncated")).isTrue();
                assertThat(truncated.getJsonNumber("headSeq").longValue()).isLessThan(from);
                assertThat(truncated.getJsonNumber("firstFailedCheckpoint").longValue())
                        .isEqualTo(checkpoint);
                assertThat(truncated.getString("checkpointProblem")).contains("truncated");
            } finally {
                Files.write(local, localCopy);
                s.executeUpdate("INSERT INTO audit_event SELECT * FROM saved");
                s.executeUpdate("UPDATE audit_chain_head SET (seq, hash) = (SELECT seq, hash FROM saved_head)");
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        assertThat(verify().getBoolean("intact")).as("restored").isTrue();
    }

    @Test
    void forgedArchiveBridgeAndCountRowsAreReportedAsUnsigned() throws Exception {
        long seq = Api.count("SELECT max(seq) FROM audit_event");
        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            try {
                s.executeUpdate("INSERT INTO audit_archive (month, file, sha256, records, first_seq, last_seq,"
                        + " manifest, archived_at, archived_by) VALUES ('1990-02-01', '/nowhere', 'x', 3, 1, 3,"
                        + " 'a.b.c', now(), 'mallory')");
                s.executeUpdate("INSERT INTO audit_bridge (seq, prev_hash, month) VALUES (" + (seq + 1_000_000_000L)
                        + ", repeat('0', 64), '1990-02-01')");
                s.executeUpdate("INSERT INTO audit_archive_count (checkpoint_seq, month, records) VALUES ("
                        + (seq + 1_000_000_000L) + ", '1990-02-01', 3)");
                JsonObject forged = verify();
                assertThat(forged.getBoolean("intact")).isFalse();
                List<String> problems = forged.getJsonArray("problems").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList();
                assertThat(problems)
                        .anyMatch(p -> p.startsWith("audit_archive 1990-02"))
                        .anyMatch(p -> p.startsWith("audit_bridge seq " + (seq + 1_000_000_000L)))
                        .anyMatch(p -> p.startsWith("audit_archive_count checkpoint " + (seq + 1_000_000_000L)));
            } finally {
                s.executeUpdate("DELETE FROM audit_archive_count WHERE month = '1990-02-01'");
                s.executeUpdate("DELETE FROM audit_bridge WHERE month = '1990-02-01'");
                s.executeUpdate("DELETE FROM audit_archive WHERE month = '1990-02-01'");
            }
        }
        assertThat(verify().getBoolean("intact")).as("restored").isTrue();
    }

    @Test
    void anAuditorVerifiesOnlyTheirOwnOrganizationAndTheWholeRegistryTakesAnAdministrator() {
        String slug = Api.unique("audited");
        UUID other = UUID.randomUUID();
        Api.update("INSERT INTO organization (id, slug, display_name) VALUES (?, ?, 'Audited team')", other, slug);
        Api.createModel("tamper", "LOW"); // a record of the default organization
        String auditorA = Api.member("AUDITOR");
        String auditorB = user(slug, "AUDITOR");

        Reply whole = Api.get("/audit/verify", "Authorization", auditorA);
        assertThat(whole.status()).as(whole.body()).isEqualTo(403);
        assertThat(whole.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        Reply own = Api.get("/audit/verify?organization=default", "Authorization", auditorA);
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().getBoolean("intact")).isTrue();
        assertThat(own.json().getString("organizationId")).isEqualTo("00000000-0000-7000-8000-000000000001");
        assertThat(own.json().getJsonNumber("chained").longValue())
                .isPositive()
                .isLessThan(verify().getJsonNumber("chained").longValue());
        Reply foreign = Api.get("/audit/verify?organization=" + slug, "Authorization", auditorA);
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(foreign.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        Reply b = Api.get("/audit/verify?organization=" + other, "Authorization", auditorB);
        assertThat(b.status()).as(b.body()).isEqualTo(200);
        assertThat(b.json().getJsonNumber("chained").longValue())
                .as("no record of the other organization")
                .isEqualTo(Api.count(
                        "SELECT count(*) FROM audit_event WHERE organization_id = ? AND seq IS NOT NULL", other));
        assertThat(Api.get("/audit/verify?organization=default", "Authorization", auditorB)
                        .status())
                .isEqualTo(404);
        Reply seen = Api.get("/audit?action=model.created", "Authorization", auditorB);
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        assertThat(seen.json().getJsonArray("items"))
                .as("only its own organization's records")
                .isEmpty();
        assertThat(verify().containsKey("organizationId"))
                .as("the administrator's: the whole registry")
                .isFalse();
    }

    /** A user with one membership, made through the API; returns the Authorization header value. */
    private static String user(String organization, String role) {
        String name = Api.unique("auditor");
        Reply created = Api.post(
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"member-password-1\","
                        + "\"memberships\":[{\"organization\":\"" + organization + "\",\"role\":\"" + role + "\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return "Bearer "
                + Api.post(
                                "/auth/token",
                                "{\"username\":\"" + name + "\",\"password\":\"member-password-1\"}",
                                Api.NO_AUTH,
                                "")
                        .json()
                        .getString("access_token");
    }

    @Test
    void theEmbeddedBrokerRefusesAnonymousAndWrongCredentials() throws Exception {
        String url = "tcp://127.0.0.1:" + Integer.getInteger("registry.it.jms.port");
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url)) {
            factory.setReconnectAttempts(0);
            assertThatThrownBy(() -> {
                        try (JMSContext anonymous = factory.createContext()) {
                            anonymous.createProducer().send(anonymous.createQueue("registry.evaluations"), "{}");
                        }
                    })
                    .isInstanceOf(JMSRuntimeException.class);
            assertThatThrownBy(() -> {
                        try (JMSContext wrong = factory.createContext("registry", "guessed")) {
                            wrong.createProducer().send(wrong.createQueue("registry.evaluations"), "{}");
                        }
                    })
                    .isInstanceOf(JMSRuntimeException.class);
            try (JMSContext registry =
                    factory.createContext("registry", System.getProperty("registry.it.jms.password"))) {
                assertThat(registry.createBrowser(registry.createQueue("registry.evaluations"))
                                .getQueue())
                        .as("the registry's own credentials")
                        .isNotNull();
            }
        }
    }

    @Test
    void theEmbeddedPostgresRefusesEveryLoginWithoutItsPassword() throws Exception {
        String base = "jdbc:postgresql://127.0.0.1:" + Integer.getInteger("registry.it.db.port") + "/registry";
        for (String user : new String[] {"registry", "registry_app", "postgres"}) {
            assertThatThrownBy(() ->
                            DriverManager.getConnection(base + "?user=" + user).close())
                    .as(user)
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(base + "?user=" + user + "&password=registry")
                            .close())
                    .as(user)
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("28P01")); // invalid password
        }
        assertThat(Files.readString(DATA.resolve("postgres/pg_hba.conf")))
                .contains("scram-sha-256")
                .doesNotContain("trust");
        for (String secret :
                new String[] {"db-superuser-password", "db-owner-password", "db-app-password", "broker-password"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA.resolve("keys/" + secret))))
                    .as(secret)
                    .isEqualTo("rw-------");
        }
        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            // the schema owner is no superuser either: it cannot even read the password hashes
            refused(s, "SELECT rolpassword FROM pg_authid");
        }
    }
}
