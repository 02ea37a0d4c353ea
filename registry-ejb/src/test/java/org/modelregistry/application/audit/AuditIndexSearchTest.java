package org.modelregistry.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.audit.AuditSearchHitDto;
import org.modelregistry.domain.audit.AuditRecord;
import org.modelregistry.infrastructure.search.AuditQuery;

/** What a page of audit search hits shows once checked against the records read again from the log. */
class AuditIndexSearchTest {

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    private static AuditRecord record(long seq, String hash, UUID org) {
        return new AuditRecord(
                UUID.randomUUID(),
                seq,
                OffsetDateTime.parse("2026-12-01T10:00:00Z"),
                "alice",
                "model.created",
                "model",
                UUID.randomUUID(),
                org,
                null,
                "{\"name\":\"fraud-scorer\"}",
                hash,
                "127.0.0.1",
                "SUCCESS");
    }

    private static AuditQuery.Hit hit(long seq, String hash) {
        return new AuditQuery.Hit(seq, hash, null, List.of("<em>fraud</em>-scorer"));
    }

    private static List<Long> seqs(List<AuditSearchHitDto> shown) {
        return shown.stream().map(h -> h.record().seq()).toList();
    }

    @Test
    void aHitIsShownOnlyWhenTheLogHoldsAnIntactRecordOfItsSeqWithTheHashIndexed() {
        List<AuditQuery.Hit> hits = List.of(hit(1, "h1"), hit(2, "h2"), hit(3, "h3"), hit(4, "h4"));
        // 2: changed (not among the intact ones), 3: rehashed, 4: of an organization the caller does not audit
        List<AuditRecord> intact = List.of(record(1, "h1", A), record(3, "h3-rehashed", A), record(4, "h4", B));
        List<AuditSearchHitDto> shown = AuditIndexSearch.checked(hits, intact, Set.of(A));
        assertThat(seqs(shown)).containsExactly(1L);
        AuditSearchHitDto first = shown.get(0);
        assertThat(first.record().details().getString("name"))
                .as("the log's record")
                .isEqualTo("fraud-scorer");
        assertThat(first.highlights().get("details")).containsExactly("<em>fraud</em>-scorer");
        assertThat(first.score()).isNull();
    }

    @Test
    void registryAdministratorsSeeEveryOrganizationAndRecordsOfNoneButAuditorsDoNot() {
        List<AuditQuery.Hit> hits = List.of(hit(1, "h1"), hit(2, "h2"));
        List<AuditRecord> intact = List.of(record(1, "h1", B), record(2, "h2", null));
        assertThat(seqs(AuditIndexSearch.checked(hits, intact, null))).containsExactly(1L, 2L);
        assertThat(seqs(AuditIndexSearch.checked(hits, intact, Set.of(A, B)))).containsExactly(1L);
        assertThat(AuditIndexSearch.checked(hits, List.of(), null))
                .as("a stale index")
                .isEmpty();
    }
}
