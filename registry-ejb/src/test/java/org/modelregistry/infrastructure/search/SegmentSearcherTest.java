package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * Totals, facet counts and pages of a real Lucene index, kept per segment, stay equal to a recount by hand through
 * deletions, updates, new segments and merges.
 */
class SegmentSearcherTest {

    private static final String[] TIERS = {"LOW", "MEDIUM", "HIGH", "CRITICAL"};
    private static final AtomicLong CLOCK = new AtomicLong();
    private static final Sort RELEVANCE =
            new Sort(SortField.FIELD_SCORE, new SortedNumericSortField("createdAt", SortField.Type.LONG, true));
    private static final Sort NEWEST = new Sort(new SortedNumericSortField("createdAt", SortField.Type.LONG, true));
    private static final String[] TAGS = {"fraud", "vision", "nlp", "speech", "tabular"};

    /** What one document holds, to recount by hand. */
    private record Doc(String id, String word, String tier, List<String> tags, long created) {}

    @Test
    void countsStayExactThroughDeletesNewSegmentsAndMerges() throws Exception {
        Random random = new Random(42);
        Map<String, Doc> docs = new HashMap<>();
        SegmentSearcher counter =
                new SegmentSearcher(List.of("riskTier", "tags"), List.of("type", "objectId"), 64, 100, 1L << 20);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(
                        dir, new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE))) {
            int next = 0;
            for (int round = 0; round < 6; round++) {
                // a new segment of 300 documents, then some deletions and updates across the older ones
                for (int i = 0; i < 300; i++) {
                    Doc d = random(random, "d" + next++);
                    docs.put(d.id(), d);
                    writer.addDocument(document(d));
                }
                writer.commit();
                List<String> ids = new ArrayList<>(docs.keySet());
                for (int i = 0; i < 40; i++) {
                    String id = ids.get(random.nextInt(ids.size()));
                    if (random.nextBoolean()) {
                        writer.deleteDocuments(new Term("id", id));
                        docs.remove(id);
                    } else {
                        Doc d = random(random, id);
                        writer.updateDocument(new Term("id", id), document(d));
                        docs.put(id, d);
                    }
                }
                if (round == 4) {
                    writer.forceMerge(2); // merged segments are new cores: nothing stale may be read from the cache
                }
                writer.commit();
                try (DirectoryReader reader = DirectoryReader.open(dir)) {
                    for (String word : List.of("alpha", "beta")) {
                        for (String tier : new String[] {null, "HIGH"}) {
                            BooleanQuery.Builder b =
                                    new BooleanQuery.Builder().add(new TermQuery(new Term("word", word)), Occur.MUST);
                            if (tier != null) {
                                b.add(new TermQuery(new Term("riskTier", tier)), Occur.FILTER);
                            }
                            Query q = b.build();
                            // twice: the second answer comes from what was kept; every score ties, so both
                            // orders are newest first
                            for (int pass = 0; pass < 2; pass++) {
                                for (Sort sort : List.of(RELEVANCE, NEWEST)) {
                                    for (int offset : new int[] {0, 30}) {
                                        SegmentSearcher.Result result = counter.search(reader, q, sort, offset, 20, 20);
                                        assertThat(result).isEqualTo(expected(docs, word, tier, offset, 20));
                                        // the ranking alone (its keys kept per segment by now) is the same page
                                        assertThat(counter.rank(reader, q, sort, offset, 20))
                                                .isEqualTo(result.page());
                                    }
                                }
                            }
                        }
                    }
                    SegmentSearcher.Result all = counter.search(reader, new MatchAllDocsQuery(), NEWEST, 0, 0, 2);
                    assertThat(all.total()).isEqualTo(docs.size());
                    assertThat(all.facets().get("tags")).hasSize(2);
                }
            }
        }
        long[] stats = counter.stats();
        assertThat(stats[0]).as("cache hits").isPositive();
        assertThat(stats[1]).as("cache misses").isPositive();
    }

    @Test
    void warmingPreparesNewLargeSegmentsOnceSoThatTheNextSearchOnlyFindsKeptResults() throws Exception {
        SegmentSearcher searcher =
                new SegmentSearcher(List.of("riskTier", "tags"), List.of("type", "objectId"), 64, 100, 1L << 20);
        Random random = new Random(7);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(
                        dir, new IndexWriterConfig(new StandardAnalyzer()).setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (int i = 0; i < 500; i++) {
                writer.addDocument(document(random(random, "w" + i)));
            }
            writer.commit();
            Query alpha = new TermQuery(new Term("word", "alpha"));
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                assertThat(searcher.hasUnwarmed(reader)).isTrue();
                assertThat(searcher.warm(reader, List.of(new SegmentSearcher.Warming(alpha, RELEVANCE, 20))))
                        .isEqualTo(1);
                assertThat(searcher.hasUnwarmed(reader)).isFalse();
                assertThat(searcher.warm(reader, List.of(new SegmentSearcher.Warming(alpha, RELEVANCE, 20))))
                        .as("nothing new to prepare")
                        .isZero();
                long[] before = searcher.stats();
                searcher.search(reader, alpha, RELEVANCE, 0, 20, 20);
                long[] after = searcher.stats();
                assertThat(after[1]).as("no miss").isEqualTo(before[1]);
                assertThat(after[0] - before[0]).as("counts and ranking found").isEqualTo(2);
            }
        }
    }

    @Test
    void aCacheTooSmallForAnEntryStillAnswersRight() throws Exception {
        SegmentSearcher tiny =
                new SegmentSearcher(List.of("riskTier", "tags"), List.of("type", "objectId"), 64, 100, 10);
        Random random = new Random(3);
        Map<String, Doc> docs = new HashMap<>();
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < 400; i++) {
                Doc d = random(random, "t" + i);
                docs.put(d.id(), d);
                writer.addDocument(document(d));
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                Query beta = new TermQuery(new Term("word", "beta"));
                for (int pass = 0; pass < 2; pass++) {
                    assertThat(tiny.search(reader, beta, NEWEST, 0, 20, 20))
                            .isEqualTo(expected(docs, "beta", null, 0, 20));
                }
                assertThat(tiny.stats()[2]).as("nothing fits in 10 bytes").isZero();
            }
        }
    }

    @Test
    void aSearchSpecSurvivesItsJson() {
        SearchSpec spec = new SearchSpec(
                "fraud \"credit card\"",
                Map.of("type", "version", "riskTier", "HIGH"),
                List.of("framework=pytorch"),
                Set.of("b", "a"),
                Instant.parse("2026-01-01T00:00:00Z"),
                null,
                "name",
                40);
        assertThat(SearchSpec.fromJson(spec.toJson())).isEqualTo(spec);
        SearchSpec everyone = new SearchSpec("", Map.of(), List.of(), null, null, null, "relevance", 20);
        assertThat(SearchSpec.fromJson(everyone.toJson())).isEqualTo(everyone);
    }

    @Test
    void topValuesAreOrderedByCountThenValue() {
        Map<String, Long> top = SegmentSearcher.top(Map.of("b", 3L, "a", 3L, "c", 5L, "d", 1L, "z", 0L), 3);
        assertThat(top.keySet()).containsExactly("c", "a", "b");
    }

    private static Doc random(Random random, String id) {
        List<String> tags = new ArrayList<>();
        for (String t : TAGS) {
            if (random.nextInt(3) == 0) {
                tags.add(t);
            }
        }
        return new Doc(
                id,
                random.nextBoolean() ? "alpha" : "beta",
                TIERS[random.nextInt(TIERS.length)],
                tags,
                CLOCK.incrementAndGet());
    }

    private static Document document(Doc d) {
        Document doc = new Document();
        doc.add(new StringField("id", d.id(), Field.Store.NO));
        doc.add(new StringField("word", d.word(), Field.Store.NO));
        doc.add(new StringField("riskTier", d.tier(), Field.Store.NO));
        doc.add(new StoredField("type", "doc"));
        doc.add(new StoredField("objectId", d.id()));
        doc.add(new SortedNumericDocValuesField("createdAt", d.created()));
        doc.add(new SortedSetDocValuesField("riskTier", new BytesRef(d.tier())));
        for (String t : d.tags()) {
            doc.add(new SortedSetDocValuesField("tags", new BytesRef(t)));
        }
        return doc;
    }

    private static SegmentSearcher.Result expected(
            Map<String, Doc> docs, String word, String tier, int offset, int limit) {
        List<Doc> hits = new ArrayList<>();
        Map<String, Long> tiers = new HashMap<>();
        Map<String, Long> tags = new HashMap<>();
        long total = 0;
        for (Doc d : docs.values()) {
            if (d.word().equals(word) && (tier == null || tier.equals(d.tier()))) {
                total++;
                hits.add(d);
                tiers.merge(d.tier(), 1L, Long::sum);
                d.tags().forEach(t -> tags.merge(t, 1L, Long::sum));
            }
        }
        hits.sort(Comparator.comparingLong(Doc::created).reversed());
        List<String> page = hits.subList(Math.min(offset, hits.size()), Math.min(offset + limit, hits.size())).stream()
                .map(d -> "doc:" + d.id())
                .toList();
        return new SegmentSearcher.Result(
                total, Map.of("riskTier", SegmentSearcher.top(tiers, 20), "tags", SegmentSearcher.top(tags, 20)), page);
    }
}
