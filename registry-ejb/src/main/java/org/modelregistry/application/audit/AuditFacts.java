package org.modelregistry.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.modelregistry.infrastructure.security.SigningKeys;

/**
 * The facts about archived and dropped months that verification relies on, and their signatures. The database holds
 * them (audit_archive, audit_bridge, audit_archive_count), but it is not trusted with them: whoever can write those
 * tables could otherwise make a deleted stretch of the chain look like a dropped month. So each archive row must
 * match its manifest, each dropped month must carry a drop statement, and each bridge and count row must be listed
 * in its month's statement, both signed with the registry's key in the data directory (db/V18). Whatever no valid
 * signature covers is named.
 */
@ApplicationScoped
public class AuditFacts {

    static final String MANIFEST_FORMAT = "model-registry-audit-archive/1";
    static final String DROP_FORMAT = "model-registry-audit-drop/1";

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    SigningKeys keys;

    /** What the check found: problems (empty when every row is covered) and the signed dropped months' seq ranges. */
    public record Result(List<String> problems, List<long[]> droppedRanges) {

        /** Whether a record of this seq went with a month whose drop is signed. */
        public boolean dropped(long seq) {
            return droppedRanges.stream().anyMatch(r -> seq >= r[0] && seq <= r[1]);
        }
    }

    /** The drop statement's payload: what was kept for the month, signed before the partition goes. */
    static String dropStatement(
            String month,
            JsonObject manifest,
            String droppedAt,
            String droppedBy,
            List<Object[]> bridges,
            List<Object[]> counts) {
        JsonArrayBuilder b = Json.createArrayBuilder();
        bridges.forEach(r -> b.add(Json.createObjectBuilder()
                .add("seq", ((Number) r[0]).longValue())
                .add("prevHash", (String) r[1])));
        JsonArrayBuilder c = Json.createArrayBuilder();
        counts.forEach(r -> c.add(Json.createObjectBuilder()
                .add("checkpointSeq", ((Number) r[0]).longValue())
                .add("records", ((Number) r[1]).longValue())));
        var payload = Json.createObjectBuilder()
                .add("format", DROP_FORMAT)
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

    /** The signed payload of a JWS of the given format, or empty. */
    Optional<JsonObject> signed(String jws, String format) {
        if (jws == null) {
            return Optional.empty();
        }
        return keys.verified(jws)
                .map(p -> {
                    try {
                        return Json.createReader(new StringReader(p)).readObject();
                    } catch (RuntimeException notJson) {
                        return null;
                    }
                })
                .filter(p -> format.equals(p.getString("format", null)));
    }

    public Result check() {
        List<String> problems = new ArrayList<>();
        List<long[]> dropped = new ArrayList<>();
        Map<String, Map<Long, String>> bridges = new HashMap<>();
        Map<String, Map<Long, Long>> counts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> archives = em.createNativeQuery(
                        "SELECT to_char(month, 'YYYY-MM'), sha256, records, first_seq,"
                                + " last_seq, manifest, dropped_at IS NOT NULL, drop_statement FROM audit_archive ORDER BY month")
                .getResultList();
        for (Object[] a : archives) {
            String month = (String) a[0];
            Optional<JsonObject> manifest = signed((String) a[5], MANIFEST_FORMAT);
            if (manifest.isEmpty()
                    || !month.equals(manifest.get().getString("month", null))
                    || !Objects.equals(a[1], manifest.get().getString("sha256", null))
                    || ((Number) a[2]).longValue() != number(manifest.get(), "records")
                    || !Objects.equals(number(a[3]), number(manifest.get(), "firstSeq"))
                    || !Objects.equals(number(a[4]), number(manifest.get(), "lastSeq"))) {
                problems.add("audit_archive " + month + ": no valid signature covers the row (its manifest is not the"
                        + " registry's or states other values)");
                continue;
            }
            if (!Boolean.TRUE.equals(a[6])) {
                continue;
            }
            Optional<JsonObject> statement = signed((String) a[7], DROP_FORMAT);
            if (statement.isEmpty()
                    || !month.equals(statement.get().getString("month", null))
                    || !Objects.equals(number(manifest.get(), "firstSeq"), number(statement.get(), "firstSeq"))
                    || !Objects.equals(number(manifest.get(), "lastSeq"), number(statement.get(), "lastSeq"))) {
                problems.add("audit_archive " + month + ": marked dropped without a valid signed drop statement");
                continue;
            }
            Map<Long, String> b = new HashMap<>();
            for (JsonValue v : statement.get().getJsonArray("bridges")) {
                b.put(number(v.asJsonObject(), "seq"), v.asJsonObject().getString("prevHash"));
            }
            Map<Long, Long> c = new HashMap<>();
            for (JsonValue v : statement.get().getJsonArray("counts")) {
                c.put(number(v.asJsonObject(), "checkpointSeq"), number(v.asJsonObject(), "records"));
            }
            bridges.put(month, b);
            counts.put(month, c);
            Long first = number(statement.get(), "firstSeq");
            if (first != null) {
                dropped.add(new long[] {first, number(statement.get(), "lastSeq")});
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> bridgeRows = em.createNativeQuery(
                        "SELECT seq, prev_hash, to_char(month, 'YYYY-MM')" + " FROM audit_bridge ORDER BY seq")
                .getResultList();
        for (Object[] r : bridgeRows) {
            long seq = ((Number) r[0]).longValue();
            Map<Long, String> signed = bridges.getOrDefault((String) r[2], Map.of());
            if (!Objects.equals(signed.get(seq), r[1])) {
                problems.add("audit_bridge seq " + seq + " (month " + r[2] + "): no valid signature covers the row");
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> countRows = em.createNativeQuery("SELECT checkpoint_seq, records, to_char(month, 'YYYY-MM')"
                        + " FROM audit_archive_count ORDER BY checkpoint_seq, month")
                .getResultList();
        for (Object[] r : countRows) {
            long checkpoint = ((Number) r[0]).longValue();
            Map<Long, Long> signed = counts.getOrDefault((String) r[2], Map.of());
            if (!Objects.equals(signed.get(checkpoint), ((Number) r[1]).longValue())) {
                problems.add("audit_archive_count checkpoint " + checkpoint + " (month " + r[2] + "): no valid"
                        + " signature covers the row");
            }
        }
        return new Result(problems, dropped);
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonNumber n ? n.longValue() : null;
    }
}
