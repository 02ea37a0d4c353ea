package org.modelregistry.application.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.modelregistry.domain.audit.AuditArchive;
import org.modelregistry.domain.audit.AuditArchiveCount;
import org.modelregistry.domain.audit.AuditArchiveRepository;
import org.modelregistry.domain.audit.AuditBridge;
import org.modelregistry.domain.audit.DropStatement;
import org.modelregistry.domain.audit.SeqRange;
import org.modelregistry.infrastructure.security.SigningKeys;

/**
 * The facts about archived and dropped months that verification relies on, and their signatures. The database holds
 * them (audit_archive, audit_bridge, audit_archive_count), but it is not trusted with them: whoever can write those
 * tables could otherwise make a deleted stretch of the chain look like a dropped month. So each archive row must
 * match its manifest, each dropped month must carry a drop statement, and each bridge and count row must be listed
 * in its month's statement, both signed with the registry's key (db/V18; the key is in the database since V28).
 * Whatever no valid signature covers is named.
 */
@ApplicationScoped
public class AuditFacts {

    @Inject
    AuditArchiveRepository archives;

    @Inject
    SigningKeys keys;

    /** What the check found: problems (empty when every row is covered) and the signed dropped months' seq ranges. */
    public record Result(List<String> problems, List<SeqRange> droppedRanges) {

        /** Whether a record of this seq went with a month whose drop is signed. */
        public boolean dropped(long seq) {
            return droppedRanges.stream().anyMatch(r -> seq >= r.first() && seq <= r.last());
        }
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
        List<SeqRange> dropped = new ArrayList<>();
        Map<String, Map<Long, String>> bridges = new HashMap<>();
        Map<String, Map<Long, Long>> counts = new HashMap<>();
        for (AuditArchive a : archives.archives()) {
            String month = a.month();
            Optional<JsonObject> manifest = signed(a.manifest(), AuditArchive.MANIFEST_FORMAT);
            if (manifest.isEmpty()
                    || !month.equals(manifest.get().getString("month", null))
                    || !Objects.equals(a.sha256(), manifest.get().getString("sha256", null))
                    || a.records() != number(manifest.get(), "records")
                    || !Objects.equals(a.firstSeq(), number(manifest.get(), "firstSeq"))
                    || !Objects.equals(a.lastSeq(), number(manifest.get(), "lastSeq"))) {
                problems.add("audit_archive " + month + ": no valid signature covers the row (its manifest is not the"
                        + " registry's or states other values)");
                continue;
            }
            if (!a.dropped()) {
                continue;
            }
            Optional<JsonObject> statement = signed(a.dropStatement(), DropStatement.FORMAT);
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
                dropped.add(new SeqRange(first, number(statement.get(), "lastSeq")));
            }
        }
        for (AuditBridge r : archives.bridges()) {
            Map<Long, String> signed = bridges.getOrDefault(r.month(), Map.of());
            if (!Objects.equals(signed.get(r.seq()), r.prevHash())) {
                problems.add("audit_bridge seq " + r.seq() + " (month " + r.month()
                        + "): no valid signature covers the row");
            }
        }
        for (AuditArchiveCount r : archives.archiveCounts()) {
            Map<Long, Long> signed = counts.getOrDefault(r.month(), Map.of());
            if (!Objects.equals(signed.get(r.checkpointSeq()), r.records())) {
                problems.add("audit_archive_count checkpoint " + r.checkpointSeq() + " (month " + r.month()
                        + "): no valid signature covers the row");
            }
        }
        return new Result(problems, dropped);
    }

    private static Long number(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v instanceof JsonNumber n ? n.longValue() : null;
    }
}
