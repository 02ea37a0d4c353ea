package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.hibernate.search.mapper.pojo.standalone.session.SearchSession;
import org.hibernate.search.mapper.pojo.work.IndexingPlanSynchronizationStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.infrastructure.search.AuditTimeline.Interval;

/** The audit index's queries on a real Lucene index: text, organizations, facets, the timeline and paging. */
class AuditQueryTest {

    private static final String A = "0193a000-0000-7000-8000-00000000000a";
    private static final String B = "0193b000-0000-7000-8000-00000000000b";

    @TempDir
    Path directory;

    private CloseableSearchMapping mapping;
    private AuditQuery.Sessions sessions;

    @BeforeEach
    void index() {
        SearchBackend lucene =
                new SearchBackend("lucene", " ", "http", Optional.empty(), Optional.empty(), Optional.empty(), 0);
        mapping = SearchMapping.builder(AnnotatedTypeSource.fromClasses(AuditDocument.class))
                .properties(lucene.properties(directory, true))
                .build();
        sessions = new AuditQuery.Sessions() {
            @Override
            public <T> T query(Function<SearchSession, T> work) {
                try (SearchSession session = mapping.createSession()) {
                    return work.apply(session);
                }
            }
        };
        try (SearchSession session = mapping.createSessionWithOptions()
                .indexingPlanSynchronizationStrategy(IndexingPlanSynchronizationStrategy.sync())
                .build()) {
            add(session, 1, A, "alice", "model.created", "2026-10-03T10:00:00Z", "{\"name\":\"fraud-scorer\"}");
            add(session, 2, A, "bob", "version.approved", "2026-10-03T11:00:00Z", "{\"comment\":\"looks good\"}");
            add(session, 3, A, "alice", "model.updated", "2026-10-10T09:00:00Z", "{\"comment\":\"fraud rules\"}");
            add(session, 4, A, "carol", "version.rejected", "2026-11-02T09:00:00Z", "{\"comment\":\"bad data\"}");
            add(session, 5, B, "mallory", "model.created", "2026-10-03T12:00:00Z", "{\"name\":\"fraud-other\"}");
            add(session, 6, null, "admin", "audit.archived", "2026-10-04T12:00:00Z", "{\"month\":\"2026-09\"}");
        }
    }

    @AfterEach
    void close() {
        mapping.close();
    }

    private static void add(
            SearchSession session, long seq, String org, String actor, String action, String at, String details) {
        AuditDocument d = new AuditDocument();
        d.key = Long.toString(seq);
        d.seq = seq;
        d.hash = "h" + seq;
        d.occurredAt = Instant.parse(at);
        d.actor = actor;
        d.action = action;
        d.objectType = action.substring(0, action.indexOf('.'));
        d.objectId = "0193c000-0000-7000-8000-00000000000" + seq;
        d.organizationId = org;
        d.outcome = "SUCCESS";
        d.who = AuditDocuments.words(actor, action);
        d.details = AuditDocuments.text(details);
        session.indexingPlan().add(d);
    }

    private static AuditQuery.Spec spec(String words, Set<String> orgs) {
        return spec(words, orgs, null, null, null, "newest", null, 0, 50);
    }

    private static AuditQuery.Spec spec(
            String words,
            Set<String> orgs,
            String from,
            String to,
            Interval interval,
            String sort,
            Long afterSeq,
            int offset,
            int limit) {
        return new AuditQuery.Spec(
                words,
                orgs,
                null,
                null,
                null,
                null,
                null,
                null,
                from == null ? null : Instant.parse(from),
                to == null ? null : Instant.parse(to),
                interval,
                sort,
                afterSeq,
                offset,
                limit);
    }

    private static List<Long> seqs(AuditQuery.Found found) {
        return found.hits().stream().map(AuditQuery.Hit::seq).toList();
    }

    @Test
    void wordsOfTheDetailsFindOnlyTheAuditedOrganizationsRecordsAndTheFacetsCountOnlyThem() {
        AuditQuery.Found found = AuditQuery.search(sessions, spec("fraud", Set.of(A)));
        assertThat(seqs(found)).containsExactly(3L, 1L); // newest first, in the chain's order
        assertThat(found.total()).isEqualTo(2);
        assertThat(found.facets().get("actor")).isEqualTo(Map.of("alice", 2L));
        assertThat(found.facets().toString()).doesNotContain("mallory");
        assertThat(found.hits().get(0).highlights()).anyMatch(h -> h.contains("<em>fraud</em>"));
        assertThat(found.hits().get(0).hash()).isEqualTo("h3");

        assertThat(seqs(AuditQuery.search(sessions, spec("fraud", null))))
                .as("a registry administrator")
                .containsExactly(5L, 3L, 1L);
        assertThat(seqs(AuditQuery.search(sessions, spec("", null)))).contains(6L);
        assertThat(seqs(AuditQuery.search(sessions, spec("", Set.of(A, B)))))
                .as("records of no organization: administrators only")
                .doesNotContain(6L);
        assertThat(seqs(AuditQuery.search(sessions, spec("alice fraud", Set.of(A)))))
                .as("the actor's words and the details' together")
                .containsExactly(3L, 1L);
        assertThat(seqs(AuditQuery.search(sessions, spec("approved", Set.of(A)))))
                .containsExactly(2L);
    }

    @Test
    void anOrganizationFilterNarrowsButTheAuditedOnesStillBind() {
        AuditQuery.Spec theirs = new AuditQuery.Spec(
                "", Set.of(A), B, null, null, null, null, null, null, null, null, "newest", null, 0, 50);
        AuditQuery.Found found = AuditQuery.search(sessions, theirs);
        assertThat(found.total()).isZero();
        assertThat(found.facets().get("actor")).isEmpty();
        assertThat(found.timeline()).isEmpty();
    }

    @Test
    void theTimelineCountsPerBucketOverTheRangeEmptyBucketsIncluded() {
        AuditQuery.Found days = AuditQuery.search(
                sessions,
                spec(
                        "",
                        Set.of(A),
                        "2026-10-03T00:00:00Z",
                        "2026-10-11T00:00:00Z",
                        Interval.DAY,
                        "newest",
                        null,
                        0,
                        2));
        assertThat(days.interval()).isEqualTo(Interval.DAY);
        assertThat(days.timeline()).hasSize(8);
        assertThat(days.timeline().get(0))
                .isEqualTo(new AuditQuery.Bucket(
                        Instant.parse("2026-10-03T00:00:00Z"), Instant.parse("2026-10-04T00:00:00Z"), 2));
        assertThat(days.timeline().get(7).count()).isEqualTo(1);
        assertThat(days.timeline().stream().mapToLong(AuditQuery.Bucket::count).sum())
                .isEqualTo(days.total())
                .isEqualTo(3);

        // without bounds: from the oldest hit's bucket to the newest's
        AuditQuery.Found months =
                AuditQuery.search(sessions, spec("", Set.of(A), null, null, Interval.MONTH, "newest", null, 0, 50));
        assertThat(months.timeline()).extracting(AuditQuery.Bucket::count).containsExactly(3L, 1L);
        assertThat(months.timeline().get(1).to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        AuditQuery.Found auto = AuditQuery.search(sessions, spec("", Set.of(A)));
        assertThat(auto.interval()).as("a month of records: days").isEqualTo(Interval.DAY);
        assertThat(auto.timeline().stream().mapToLong(AuditQuery.Bucket::count).sum())
                .isEqualTo(4);
    }

    @Test
    void pagesFollowTheChainByKeysetAndTheCountsStayThoseOfAllHits() {
        AuditQuery.Found first =
                AuditQuery.search(sessions, spec("", Set.of(A), null, null, null, "newest", null, 0, 3));
        assertThat(seqs(first)).containsExactly(4L, 3L, 2L);
        assertThat(first.more()).isTrue();
        AuditQuery.Found second =
                AuditQuery.search(sessions, spec("", Set.of(A), null, null, null, "newest", 2L, 0, 3));
        assertThat(seqs(second)).containsExactly(1L);
        assertThat(second.more()).isFalse();
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.facets().get("actor")).containsEntry("alice", 2L);
        assertThat(seqs(AuditQuery.search(sessions, spec("", Set.of(A), null, null, null, "oldest", 2L, 0, 3))))
                .containsExactly(3L, 4L);
        AuditQuery.Found relevant =
                AuditQuery.search(sessions, spec("fraud", Set.of(A), null, null, null, "relevance", null, 0, 1));
        assertThat(relevant.hits().get(0).score()).isPositive();
        assertThat(relevant.more()).isTrue();
    }

    @Test
    void tooManyTermsAndTooManyBucketsAreRefusedNamingTheField() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 600; i++) { // 1,200 clauses over the two text fields
            many.append("w").append(i).append(' ');
        }
        assertThatThrownBy(
                        () -> AuditQuery.search(sessions, spec(many.toString().trim(), Set.of(A))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("q:"));
        assertThatThrownBy(() -> AuditQuery.search(
                        sessions,
                        spec(
                                "",
                                Set.of(A),
                                "2020-01-01T00:00:00Z",
                                "2026-01-01T00:00:00Z",
                                Interval.HOUR,
                                "newest",
                                null,
                                0,
                                5)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.getMessage()).startsWith("interval:"));
    }
}
