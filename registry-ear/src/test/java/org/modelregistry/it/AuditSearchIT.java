package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * Audit search (issue 18) through the real server: the chained records in the search index, searchable by AUDITORs
 * within their organizations only (hits, totals, facets and the timeline), indexed only once committed and chained,
 * and every hit checked against the log before it is shown.
 */
class AuditSearchIT extends RegistryDeployment {

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * A word no other record holds: lower-case letters and digits, ending with a digit, so that the stemmer leaves it
     * whole (a word ending in "e" or "ed", as a hex digit string may, is indexed shorter than itself, and a prefix
     * query of the whole word then finds nothing).
     */
    private static String word(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "7";
    }

    private record Org(String slug, String id) {}

    private static Org organization() {
        String slug = unique("aud");
        Reply r = post("/organizations", "{\"slug\":\"" + slug + "\",\"displayName\":\"Audit search\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Org(slug, r.json().getString("id"));
    }

    /** A new member of the organization with these roles; returns its name. */
    private static String member(Org org, String... roles) {
        return Api.newMemberOf(org.slug(), roles);
    }

    /**
     * A new AUDITOR of the organization, also VIEWER there: the suite's server allows a principal whose only role is
     * AUDITOR 5 requests a minute ({@code registry.ratelimit.per-minute.AUDITOR}), and these tests search more often.
     * VIEWER adds nothing to what the audit log shows them.
     */
    private static String auditor(Org org) {
        return token(member(org, "AUDITOR", "VIEWER"));
    }

    private static String token(String name) {
        Reply r = post(
                "/auth/token",
                "{\"username\":\"" + name + "\",\"password\":\"" + Api.MEMBER_PASSWORD + "\"}",
                Api.NO_AUTH,
                "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return "Bearer " + r.json().getString("access_token");
    }

    private static Reply register(Org org, String name, String auth) {
        return post(
                "/models",
                "{\"organization\":\"" + org.slug() + "\",\"group\":\"audit-search\",\"name\":\"" + name
                        + "\",\"riskTier\":\"LOW\"}",
                "Authorization",
                auth);
    }

    private static String model(Org org, String name, String auth) {
        Reply r = register(org, name, auth);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("id");
    }

    private static JsonObject search(String query, String auth) {
        Reply r = get("/audit/search?" + query, "Authorization", auth);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonObject awaitTotal(String query, String auth, int total) {
        JsonObject[] last = {null};
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    last[0] = search(query, auth);
                    return last[0].getInt("total") == total;
                });
        return last[0];
    }

    private static JsonObject record(JsonObject result, int i) {
        return result.getJsonArray("items").getJsonObject(i).getJsonObject("record");
    }

    private static String admin() {
        return "Bearer " + Api.adminToken();
    }

    @Test
    void anAuditorFindsTheirOrganizationsRecordsByWordsAndActorAndNothingOfAnother() {
        Org a = organization();
        Org b = organization();
        String contributorA = member(a, "CONTRIBUTOR");
        String contributorB = member(b, "CONTRIBUTOR");
        String auditorA = auditor(a);
        String word = word("kestrel");
        String modelA = model(a, "m-" + word, token(contributorA));
        String modelB = model(b, "m-" + word + "-other", token(contributorB));

        JsonObject found = awaitTotal("q=" + word, auditorA, 1);
        JsonObject rec = record(found, 0);
        assertThat(rec.getString("organizationId")).isEqualTo(a.id());
        assertThat(rec.getString("objectId")).isEqualTo(modelA);
        assertThat(rec.getString("action")).isEqualTo("model.created");
        assertThat(rec.getJsonNumber("seq").longValue()).isPositive();
        assertThat(rec.getString("hash")).hasSize(64);
        assertThat(found.getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonObject("highlights")
                        .getJsonArray("details")
                        .getString(0))
                .contains("<em>" + word + "</em>");
        assertThat(found.getInt("withheld")).isZero();
        assertThat(found.getJsonObject("facets").toString())
                .doesNotContain(contributorB)
                .doesNotContain(modelB);
        assertThat(awaitTotal("q=" + word, admin(), 2).getInt("total"))
                .as("a registry administrator sees both")
                .isEqualTo(2);

        // by actor: all of the contributor's records of the organization, and the facets count only them
        JsonObject byActor = search("actor=" + contributorA, auditorA);
        assertThat(byActor.getInt("total")).isPositive();
        byActor.getJsonArray("items")
                .forEach(
                        i -> assertThat(i.asJsonObject().getJsonObject("record").getString("actor"))
                                .isEqualTo(contributorA));
        assertThat(byActor.getJsonObject("facets").getJsonObject("actor").keySet())
                .containsExactly(contributorA);
        assertThat(byActor.getJsonObject("facets").getJsonObject("action").getInt("model.created"))
                .isEqualTo(1);
        assertThat(search("actor=" + contributorA + "&q=" + enc("model created"), auditorA)
                        .getInt("total"))
                .as("the action's words")
                .isEqualTo(1);

        // attacks: B's actor, B's object, B's organization (id and slug) as filters, and field syntax in q
        assertThat(search("actor=" + contributorB, auditorA).getInt("total")).isZero();
        assertThat(search("objectId=" + modelB, auditorA).getInt("total")).isZero();
        for (String other :
                List.of(b.id(), b.slug(), "no-such-org", UUID.randomUUID().toString())) {
            JsonObject narrowed = search("organization=" + other, auditorA);
            assertThat(narrowed.getInt("total")).as(other).isZero();
            assertThat(narrowed.getJsonArray("items")).isEmpty();
            assertThat(narrowed.getJsonArray("timeline")).isEmpty();
            assertThat(narrowed.getJsonObject("facets").toString()).doesNotContain(contributorB);
        }
        assertThat(search("organization=" + a.slug() + "&q=" + word, auditorA).getInt("total"))
                .isEqualTo(1);
        assertThat(search("q=" + enc("organizationId:" + b.id()), auditorA).getInt("total"))
                .isZero();
        assertThat(search("q=" + enc(word + "*"), auditorA).getInt("total"))
                .as("a prefix of both models' names")
                .isEqualTo(1);

        // a forged cursor moves the page, never the organizations
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("audit-search\u001fnewest\u001f" + Long.MAX_VALUE).getBytes(StandardCharsets.UTF_8));
        JsonObject paged = search("q=" + word + "-other&cursor=" + forged, auditorA);
        assertThat(paged.getJsonArray("items")).isEmpty();
        assertThat(paged.getInt("total")).isZero();
        Reply otherSort = get("/audit/search?sort=relevance&cursor=" + forged, "Authorization", auditorA);
        assertThat(otherSort.status()).as(otherSort.body()).isEqualTo(400);
        assertThat(otherSort.body()).contains("cursor");

        // an auditor of B sees B's record only
        String auditorB = auditor(b);
        JsonObject theirs = search("q=" + word, auditorB);
        assertThat(theirs.getInt("total")).isEqualTo(1);
        assertThat(record(theirs, 0).getString("objectId")).isEqualTo(modelB);
    }

    @Test
    void onlyAuditorsAndRegistryAdministratorsSearchExactlyAsTheyListTheLog() {
        Org a = organization();
        for (String role : List.of("VIEWER", "CONTRIBUTOR", "REVIEWER", "DEPLOYER", "ADMIN")) {
            String auth = token(member(a, role));
            Reply searched = get("/audit/search?q=anything", "Authorization", auth);
            assertThat(searched.status()).as(role + ": " + searched.body()).isEqualTo(403);
            assertThat(searched.contentType()).startsWith("application/problem+json");
            assertThat(get("/audit", "Authorization", auth).status())
                    .as(role + ": the listing's rule")
                    .isEqualTo(403);
        }
        Reply anonymous = get("/audit/search?q=anything", Api.NO_AUTH, "");
        assertThat(anonymous.status()).isEqualTo(401);
        String auditor = token(member(a, "AUDITOR"));
        assertThat(get("/audit/search", "Authorization", auditor).status()).isEqualTo(200);
    }

    @Test
    void theTimelineCountsTheVisibleRecordsPerDayWeekAndMonth() {
        Org c = organization();
        Org b = organization();
        String auditorC = auditor(c);
        String word = word("heron");
        // records of last month (the archive tests use older months), written as a request's transaction writes
        // them, then linked by the chainer
        YearMonth month = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        Api.count("SELECT audit_event_ensure_partitions(CAST(? AS timestamptz), 12)", month.atDay(1) + "T00:00:00Z");
        int[] days = {2, 2, 3, 20};
        for (int day : days) {
            insert(c, month.atDay(day) + "T10:15:00Z", word);
        }
        insert(b, month.atDay(2) + "T11:00:00Z", word); // another organization's, on a counted day

        String range = "&from=" + month.atDay(1) + "T00:00:00Z&to="
                + month.plusMonths(1).atDay(1) + "T00:00:00Z";
        JsonObject byDay = awaitTotal("q=" + word + range + "&interval=day", auditorC, 4);
        assertThat(byDay.getString("interval")).isEqualTo("day");
        List<JsonObject> buckets = byDay.getJsonArray("timeline").getValuesAs(JsonObject.class);
        assertThat(buckets).hasSize(month.lengthOfMonth());
        assertThat(buckets.get(0).getString("from")).startsWith(month.atDay(1).toString());
        assertThat(buckets.get(1).getInt("count")).isEqualTo(2);
        assertThat(buckets.get(2).getInt("count")).isEqualTo(1);
        assertThat(buckets.get(19).getInt("count")).isEqualTo(1);
        assertThat(buckets.stream().mapToInt(x -> x.getInt("count")).sum()).isEqualTo(4);
        assertThat(byDay.getJsonObject("facets").getJsonObject("actor").getInt("timeline-writer"))
                .isEqualTo(4);

        JsonObject byMonth = search("q=" + word + range + "&interval=month", auditorC);
        assertThat(byMonth.getJsonArray("timeline")).hasSize(1);
        assertThat(byMonth.getJsonArray("timeline").getJsonObject(0).getInt("count"))
                .isEqualTo(4);
        JsonObject byWeek = search("q=" + word + range + "&interval=week", auditorC);
        assertThat(byWeek.getJsonArray("timeline").getValuesAs(JsonObject.class).stream()
                        .mapToInt(x -> x.getInt("count"))
                        .sum())
                .isEqualTo(4);
        JsonObject chosen = search("q=" + word, auditorC);
        assertThat(chosen.getString("interval")).as("19 days of records").isEqualTo("day");
        assertThat(chosen.getJsonArray("timeline").getValuesAs(JsonObject.class).stream()
                        .mapToInt(x -> x.getInt("count"))
                        .sum())
                .isEqualTo(4);
        JsonObject narrow = search(
                "q=" + word + "&from=" + month.atDay(2) + "T00:00:00Z&to=" + month.atDay(3) + "T00:00:00Z", auditorC);
        assertThat(narrow.getInt("total")).isEqualTo(2);
        assertThat(
                        awaitTotal("q=" + word + range, admin(), 5)
                                .getJsonArray("timeline")
                                .getValuesAs(JsonObject.class)
                                .stream()
                                .mapToInt(x -> x.getInt("count"))
                                .sum())
                .as("the administrator counts the other organization's record too")
                .isEqualTo(5);
    }

    private static void insert(Org org, String at, String word) {
        String id = UUID.randomUUID().toString();
        Api.update(
                "INSERT INTO audit_event (id, occurred_at, actor, action, object_type, object_id, organization_id,"
                        + " details) VALUES (?::uuid, CAST(? AS timestamptz), 'timeline-writer', 'test.timeline',"
                        + " 'test', ?::uuid, ?::uuid, CAST(? AS jsonb))",
                id,
                at,
                id,
                org.id(),
                "{\"note\":\"" + word + " noted\"}");
    }

    @Test
    void aRecordAppearsOnceItsChangeCommitsAndARolledBackChangeNever() throws Exception {
        Org a = organization();
        String contributor = token(member(a, "CONTRIBUTOR"));
        String auditor = auditor(a);
        String doomed = word("doomed");
        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            // the commit of a registration of this name fails after its model row and audit record were written
            s.execute("CREATE FUNCTION it_refuse_doomed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF NEW.name LIKE 'doomed%' THEN RAISE EXCEPTION 'refused at commit by AuditSearchIT'; END IF;"
                    + " RETURN NULL; END $$");
            s.execute("CREATE CONSTRAINT TRIGGER it_refuse_doomed AFTER INSERT ON model DEFERRABLE INITIALLY DEFERRED"
                    + " FOR EACH ROW EXECUTE FUNCTION it_refuse_doomed()");
            try {
                Reply refused = register(a, doomed, contributor);
                assertThat(refused.status()).as(refused.body()).isNotEqualTo(201);
            } finally {
                s.execute("DROP TRIGGER it_refuse_doomed ON model");
                s.execute("DROP FUNCTION it_refuse_doomed()");
            }
        }
        assertThat(Api.count("SELECT count(*) FROM model WHERE name = ?", doomed))
                .isZero();
        assertThat(Api.count("SELECT count(*) FROM audit_event WHERE details->>'name' = ?", doomed))
                .as("rolled back with its change")
                .isZero();

        String kept = word("kept");
        model(a, kept, contributor);
        JsonObject after = awaitTotal("q=" + kept, auditor, 1);
        assertThat(record(after, 0).getJsonNumber("seq").longValue()).isPositive();
        // the follower has passed every record committed before the kept one: the doomed one was never among them
        assertThat(search("q=" + doomed, admin()).getInt("total")).isZero();
        assertThat(search("q=" + doomed, auditor).getInt("total")).isZero();
    }

    @Test
    void aHitIsShownOnlyWhileTheLogHoldsItAsIndexed() throws Exception {
        Org a = organization();
        String contributor = token(member(a, "CONTRIBUTOR"));
        String auditor = auditor(a);
        String word = word("ibis");
        model(a, "m-" + word, contributor);
        JsonObject found = awaitTotal("q=" + word, auditor, 1);
        long seq = record(found, 0).getJsonNumber("seq").longValue();
        String hash = record(found, 0).getString("hash");
        assertThat(Api.count("SELECT count(*) FROM audit_event WHERE seq = ? AND hash = ?", seq, hash))
                .isOne();
        double before = withheldMetric();

        try (Connection c = Api.db();
                Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE saved AS SELECT * FROM audit_event WHERE seq = " + seq);
            s.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            try {
                // 1. a DBA changes the record: its content no longer hashes to its hash
                s.executeUpdate("UPDATE audit_event SET details = jsonb_set(details, '{name}', '\"m-innocent\"')"
                        + " WHERE seq = " + seq);
                JsonObject changed = search("q=" + word, auditor);
                assertThat(changed.getJsonArray("items")).isEmpty();
                assertThat(changed.getInt("withheld")).isEqualTo(1);

                // 2. ... and rehashes it: the chain's hash is no longer the one indexed
                s.executeUpdate("UPDATE audit_event e SET hash = encode(sha256(convert_to(coalesce(prev_hash, '')"
                        + " || '|' || audit_event_canonical(e), 'UTF8')), 'hex') WHERE seq = " + seq);
                assertThat(Api.count("SELECT count(*) FROM audit_event WHERE seq = ? AND hash <> ?", seq, hash))
                        .isOne();
                JsonObject rehashed = search("q=" + word, auditor);
                assertThat(rehashed.getJsonArray("items")).isEmpty();
                assertThat(rehashed.getInt("withheld")).isEqualTo(1);

                // 3. ... or deletes it: the index is stale
                s.executeUpdate("DELETE FROM audit_event WHERE seq = " + seq);
                assertThat(search("q=" + word, auditor).getInt("withheld")).isEqualTo(1);
            } finally {
                s.executeUpdate("DELETE FROM audit_event WHERE seq = " + seq);
                s.executeUpdate("INSERT INTO audit_event SELECT * FROM saved");
                s.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
            }
        }
        assertThat(withheldMetric() - before).isEqualTo(3);
        JsonObject restored = search("q=" + word, auditor);
        assertThat(restored.getInt("withheld")).isZero();
        assertThat(record(restored, 0).getString("hash")).isEqualTo(hash);
        assertThat(record(restored, 0).getJsonObject("details").getString("name"))
                .isEqualTo("m-" + word);
    }

    @Test
    void aRebuildWritesEveryChainedRecordAgainAndKeepsThemSearchable() {
        Org a = organization();
        String auditor = auditor(a);
        String word = word("egret");
        model(a, "m-" + word, token(member(a, "CONTRIBUTOR")));
        long seq = record(awaitTotal("q=" + word, auditor, 1), 0)
                .getJsonNumber("seq")
                .longValue();
        long chained = Api.count("SELECT count(*) FROM audit_event WHERE seq IS NOT NULL");

        Reply started = post("/admin/reindex", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !get("/admin/reindex").json().getString("state").equals("RUNNING"));
        JsonObject done = get("/admin/reindex").json();
        assertThat(done.getString("state")).as(done.toString()).isEqualTo("DONE");
        assertThat(done.getJsonNumber("total").longValue())
                .as("models, versions, artifacts and chained records")
                .isGreaterThanOrEqualTo(chained);
        JsonObject after = search("q=" + word, auditor);
        assertThat(after.getInt("total")).as("not removed as stale").isEqualTo(1);
        assertThat(record(after, 0).getJsonNumber("seq").longValue()).isEqualTo(seq);
    }

    /** {@code registry_audit_search_withheld_total}, 0 before the first. */
    private static double withheldMetric() throws Exception {
        return PlatformIT.metricsText()
                .lines()
                .filter(l -> l.startsWith("registry_audit_search_withheld_total"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    @Test
    void badInputIsAProblemNamingTheFieldNeverA500() {
        String auditor = auditor(organization());
        assertProblem("from=yesterday", auditor, 400, "from");
        assertProblem("to=2026-13-01T00:00:00Z", auditor, 400, "to");
        assertProblem("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", auditor, 422, "from");
        assertProblem("from=2026-12-01T00:00:00Z&to=2026-12-01T00:00:00Z", auditor, 422, "from");
        assertProblem("limit=0", auditor, 422, "limit");
        assertProblem("limit=101", auditor, 422, "limit");
        assertProblem("limit=ten", auditor, 400, "limit");
        assertProblem("sort=popularity", auditor, 422, "sort");
        assertProblem("interval=fortnight", auditor, 422, "interval");
        assertProblem("from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&interval=hour", auditor, 422, "interval");
        assertProblem("cursor=not-a-cursor", auditor, 400, "cursor");
        assertProblem("q=" + "a".repeat(1001), auditor, 422, "q");
        assertProblem("q=" + enc("fraud ".repeat(1000)), auditor, 422, "q");
        assertProblem("objectId=not-an-id", auditor, 404, "object");

        Reply huge = get("/audit/search?q=" + "x".repeat(20_000), "Authorization", auditor);
        assertThat(huge.status()).as(huge.body()).isIn(413, 414, 422, 431);
    }

    private static void assertProblem(String query, String auth, int status, String field) {
        Reply r = get("/audit/search?" + query, "Authorization", auth);
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(status);
        assertThat(r.contentType()).as(query).startsWith("application/problem+json");
        assertThat(r.body()).as(query).contains(field);
        assertThat(r.jsonAny()).isNotEqualTo(JsonValue.NULL);
    }
}
