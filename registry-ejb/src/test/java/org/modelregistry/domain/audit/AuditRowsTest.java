package org.modelregistry.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.domain.shared.SqlValues;

/** The typed rows the audit queries' result set mappings build, and the rules they carry. */
class AuditRowsTest {

    private static final Instant MICROS = Instant.parse("2026-01-15T10:20:30.123456Z");

    @Test
    void aRecordsTimestampKeepsItsMicrosecondsAndIsInUtc() {
        UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
        AuditRecord r = new AuditRecord(
                id.toString(),
                7L,
                Timestamp.from(MICROS),
                "alice",
                "model.created",
                "model",
                id.toString(),
                null,
                "req-1",
                "{\"a\": 1}",
                "ab",
                "127.0.0.1",
                "SUCCESS");
        assertThat(r.occurredAt()).isEqualTo(OffsetDateTime.parse("2026-01-15T10:20:30.123456Z"));
        assertThat(r.occurredAt().getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(r.id()).isEqualTo(id);
        assertThat(r.objectId()).isEqualTo(id);
        assertThat(r.organizationId()).isNull();
        assertThat(r.seq()).isEqualTo(7L);
    }

    @Test
    void aTimestampTheDriverGivesAsOffsetDateTimeOrTextIsTakenAsItIs() {
        OffsetDateTime t = OffsetDateTime.parse("2026-01-15T10:20:30.123456Z");
        assertThat(SqlValues.time(t)).isSameAs(t);
        assertThat(SqlValues.time("2026-01-15T10:20:30.123456Z")).isEqualTo(t);
        assertThat(SqlValues.time(null)).isNull();
    }

    @Test
    void anArchiveRowIsDroppedOnlyWithADropTime() {
        AuditArchive kept = new AuditArchive(
                "2025-11", "f", "s", 3L, 1L, 3L, "m", Timestamp.from(MICROS), "admin", null, null, null);
        AuditArchive dropped = new AuditArchive(
                "2025-11",
                "f",
                "s",
                3L,
                1L,
                3L,
                "m",
                Timestamp.from(MICROS),
                "admin",
                Timestamp.from(MICROS),
                "a",
                "x");
        assertThat(kept.dropped()).isFalse();
        assertThat(kept.records()).isEqualTo(3);
        assertThat(kept.archivedAt().toInstant()).isEqualTo(MICROS);
        assertThat(dropped.dropped()).isTrue();
        assertThat(dropped.yearMonth()).isEqualTo(YearMonth.of(2025, 11));
    }

    @Test
    void aMonthIsDroppableTheRetentionPeriodAfterItEnded() {
        assertThat(AuditArchive.droppableFrom(YearMonth.of(2025, 12), Period.ofYears(10)))
                .isEqualTo(OffsetDateTime.parse("2036-01-01T00:00Z"));
        assertThat(AuditArchive.partition(YearMonth.of(2026, 3))).isEqualTo("audit_event_2026_03");
        assertThat(AuditArchive.objectId(YearMonth.of(2026, 3)))
                .isEqualTo(AuditArchive.objectId(YearMonth.of(2026, 3)))
                .isNotEqualTo(AuditArchive.objectId(YearMonth.of(2026, 4)));
    }

    @Test
    void aPartitionIsAsArchivedWhenCountAndRangeMatchTheManifest() {
        var manifest = Json.createObjectBuilder()
                .add("records", 3)
                .add("firstSeq", 10)
                .add("lastSeq", 12)
                .build();
        assertThat(new PartitionContent(10L, 12L, 3).asArchived(manifest)).isTrue();
        assertThat(new PartitionContent(10L, 13L, 3).asArchived(manifest)).isFalse();
        assertThat(new PartitionContent(10L, 12L, 4).asArchived(manifest)).isFalse();
        assertThat(new PartitionContent(null, null, 3).asArchived(manifest)).isFalse();
        var unchained = Json.createObjectBuilder().add("records", 2).build();
        assertThat(new PartitionContent(null, null, 2).asArchived(unchained)).isTrue();
    }

    @Test
    void anArchiveLineListsTheFieldsInTheFormatsOrderAndLeavesOutTheUnset() {
        ArchivedRecord linked = new ArchivedRecord(
                "01890a5d-ac96-774b-bcce-b302099a8057",
                MICROS,
                "alice",
                "model.created",
                "model",
                "01890a5d-ac96-774b-bcce-b302099a8058",
                null,
                "req-1",
                "{\"a\": 1}",
                5L,
                "aa",
                "bb",
                null,
                "SUCCESS",
                2);
        assertThat(linked.jsonLine())
                .isEqualTo(
                        "{\"id\":\"01890a5d-ac96-774b-bcce-b302099a8057\",\"occurredAt\":\"2026-01-15T10:20:30.123456Z\","
                                + "\"actor\":\"alice\",\"action\":\"model.created\",\"objectType\":\"model\","
                                + "\"objectId\":\"01890a5d-ac96-774b-bcce-b302099a8058\",\"details\":\"{\\\"a\\\": 1}\","
                                + "\"outcome\":\"SUCCESS\",\"chainVersion\":2,\"requestId\":\"req-1\",\"prevHash\":\"aa\","
                                + "\"hash\":\"bb\",\"seq\":5}");
        assertThat(linked.awaitingLink()).isFalse();
        ArchivedRecord pending = new ArchivedRecord(
                "i", MICROS, "a", "b", "c", "d", null, null, "{}", null, null, null, null, "SUCCESS", 2);
        assertThat(pending.awaitingLink()).isTrue();
        assertThat(pending.jsonLine()).doesNotContain("seq").doesNotContain("hash");
    }

    @Test
    void aRefusedRequestNamesTheCollectionAfterV1AndTheFirstId() {
        UUID id = UUID.fromString("01890a5d-ac96-774b-bcce-b302099a8057");
        assertThat(RefusedRequest.of("/api/v1/models/" + id + "/versions")).isEqualTo(new RefusedRequest("model", id));
        assertThat(RefusedRequest.of("/api/v1/service-accounts"))
                .isEqualTo(new RefusedRequest("service_account", RefusedRequest.NIL));
        assertThat(RefusedRequest.of("/api/v1/policies/x").objectType()).isEqualTo("policy");
        assertThat(RefusedRequest.of("/health").objectType()).isEqualTo("request");
        assertThat(RefusedRequest.of("/api/v1/models/" + id).namesModel()).isTrue();
        assertThat(RefusedRequest.of("/api/v1/models").namesModel()).isFalse();
        assertThat(RefusedRequest.singular("audit")).isEqualTo("audit");
    }
}
