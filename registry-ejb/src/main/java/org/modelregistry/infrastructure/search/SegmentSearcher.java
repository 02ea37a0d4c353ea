package org.modelregistry.infrastructure.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.modelregistry.domain.shared.LogSafe;

/**
 * Answers a catalog search segment by segment, keeping what it learnt about the large segments between searches.
 *
 * <p>A segment's documents never change once written: only which of them are deleted does. So for each large
 * segment and query this keeps (up to {@code maxEntries} of each, least recently used dropped first, and all of a
 * segment's entries when a merge closes it):
 * <ul>
 *   <li>how many documents match and the values of the facet fields among them, counted over all of the segment's
 *   documents; each search subtracts the matching documents deleted since;</li>
 *   <li>the best {@code k} + {@value #SLACK} matches in the requested order (relevance then newest, newest, or
 *   name); each search drops those deleted since and works again from scratch when too few are left;</li>
 *   <li>the keys of the hits it returned (up to {@value #KEYS_PER_SEGMENT} a segment), read once from the stored
 *   fields.</li>
 * </ul>
 * A refresh after a write then costs the counting and ranking of the new small segments only, not of the million
 * documents that did not change. Relevance scores depend on statistics of the whole index (how rare a word is, how
 * long a field is on average), which move as documents are added: a segment's kept ranking is recomputed once the
 * index has grown or shrunk by more than {@value #STATS_DRIFT_PERCENT} % since.
 */
public final class SegmentSearcher {

    private static final Logger LOG = Logger.getLogger(SegmentSearcher.class.getName());

    /** Segments smaller than this are worked out each time: it is cheaper than keeping them. */
    static final int CACHED_SEGMENT_DOCS = 20_000;
    /** Rankings deeper than this are not kept. */
    static final int MAX_CACHED_RANK = 1_000;
    /** Extra matches kept per segment ranking, so that a few deletions do not force a recount. */
    static final int SLACK = 16;

    static final int STATS_DRIFT_PERCENT = 1;

    /** Hit keys kept per large segment (least recently used dropped first). */
    static final int KEYS_PER_SEGMENT = 4_096;

    private final List<String> facetFields;
    private final List<String> keyFields;
    private final int maxEntries;
    private final int cachedSegmentDocs;
    private final BoundedCache<CountKey, Counts> counts;
    private final BoundedCache<RankKey, Ranking> rankings;
    /** The deleted documents of a segment reader's live docs (identity), listed once rather than at each search. */
    private final Map<Bits, int[]> deletedDocs = Collections.synchronizedMap(new WeakHashMap<>());

    /** The keys of hits in large segments, by segment core and doc id within the segment. */
    private final Map<Object, Map<Integer, String>> keysByCore = new ConcurrentHashMap<>();

    private final Set<Object> watchedCores = ConcurrentHashMap.newKeySet();
    private final Set<Object> warmedCores = ConcurrentHashMap.newKeySet();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @param facetFields keyword fields with doc values whose values are counted
     * @param keyFields   stored fields whose values, joined by ':', name a hit (the document id)
     */
    public SegmentSearcher(List<String> facetFields, List<String> keyFields, int maxEntries) {
        this(facetFields, keyFields, maxEntries, CACHED_SEGMENT_DOCS, 64L << 20);
    }

    /**
     * As above, keeping the results of segments of at least {@code cachedSegmentDocs} documents, in at most
     * {@code maxBytes} (estimated) for the counts and as much for the rankings.
     */
    public SegmentSearcher(
            List<String> facetFields, List<String> keyFields, int maxEntries, int cachedSegmentDocs, long maxBytes) {
        this.facetFields = List.copyOf(facetFields);
        this.keyFields = List.copyOf(keyFields);
        this.maxEntries = maxEntries;
        this.cachedSegmentDocs = cachedSegmentDocs;
        this.counts = new BoundedCache<>(maxEntries, maxBytes, Counts::bytes);
        this.rankings = new BoundedCache<>(maxEntries, maxBytes, Ranking::bytes);
    }

    /** Least recently used entries go first, beyond a number of entries or an estimate of their size. */
    private static final class BoundedCache<K, V> {
        private final int maxEntries;
        private final long maxBytes;
        private final ToLongFunction<V> weigher;
        private final LinkedHashMap<K, V> map = new LinkedHashMap<>(256, 0.75f, true);
        private long bytes;

        BoundedCache(int maxEntries, long maxBytes, ToLongFunction<V> weigher) {
            this.maxEntries = maxEntries;
            this.maxBytes = maxBytes;
            this.weigher = weigher;
        }

        synchronized V get(K key) {
            return map.get(key);
        }

        synchronized void put(K key, V value) {
            V old = map.put(key, value);
            bytes += weigher.applyAsLong(value) - (old == null ? 0 : weigher.applyAsLong(old));
            var eldest = map.entrySet().iterator();
            while ((map.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
                bytes -= weigher.applyAsLong(eldest.next().getValue());
                eldest.remove();
            }
        }

        synchronized void removeIf(Predicate<K> test) {
            var it = map.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                if (test.test(e.getKey())) {
                    bytes -= weigher.applyAsLong(e.getValue());
                    it.remove();
                }
            }
        }

        synchronized int size() {
            return map.size();
        }
    }

    private record CountKey(Object core, Query query) {}

    private record RankKey(Object core, Query query, Sort sort) {}

    /**
     * A segment's best matches (doc ids within the segment), for how many were asked, whether they are all of the
     * segment's matches, and at which index size.
     */
    private record Ranking(FieldDoc[] docs, int asked, boolean complete, int indexDocs) {
        long bytes() {
            return 64 + docs.length * 96L; // a FieldDoc, its fields (a score, a time or a name)
        }
    }

    /** Matches and per-field value counts of one segment (or of its deleted documents). */
    private static final class Counts {
        long matched;
        final Map<String, Map<String, Long>> values = new HashMap<>();

        long bytes() {
            long b = 64;
            for (Map<String, Long> v : values.values()) {
                b += 64 + v.size() * 120L; // a hash map entry, its string and its count
            }
            return b;
        }

        void add(Counts other, int sign) {
            matched += sign * other.matched;
            other.values.forEach((field, c) -> {
                Map<String, Long> mine = values.computeIfAbsent(field, f -> new HashMap<>());
                c.forEach((value, n) -> mine.merge(value, sign * n, Long::sum));
            });
        }
    }

    /**
     * The number of live matching documents, each facet field's top values by count, and the keys of the hits
     * from {@code offset} to {@code offset + limit} in {@code sort} order.
     */
    public record Result(long total, Map<String, Map<String, Long>> facets, List<String> page) {}

    public Result search(IndexReader reader, Query query, Sort sort, int offset, int limit, int maxFacetValues) {
        return search(reader, query, sort, offset, limit, maxFacetValues, true, true);
    }

    /**
     * The keys of the hits from {@code offset} to {@code offset + limit} in {@code sort} order, without counting the
     * matches (a ranking to fuse with another, whose total and facets are counted apart).
     */
    public List<String> rank(IndexReader reader, Query query, Sort sort, int offset, int limit) {
        return search(reader, query, sort, offset, limit, 0, true, false).page();
    }

    private Result search(
            IndexReader reader,
            Query query,
            Sort sort,
            int offset,
            int limit,
            int maxFacetValues,
            boolean page,
            boolean count) {
        try {
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setQueryCache(null);
            Query rewritten = searcher.rewrite(query);
            Weight countWeight = count ? searcher.createWeight(rewritten, ScoreMode.COMPLETE_NO_SCORES, 1f) : null;
            int k = offset + limit;
            Weight rankWeight = limit <= 0
                    ? null
                    : searcher.createWeight(rewritten, collector(sort, k).scoreMode(), 1f);
            Counts total = new Counts();
            List<TopFieldDocs> ranked = new ArrayList<>();
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader r = leaf.reader();
                Bits live = r.getLiveDocs();
                Object core = r.getCoreCacheHelper() == null
                        ? null
                        : r.getCoreCacheHelper().getKey();
                boolean cached = core != null && maxEntries > 0 && r.maxDoc() >= cachedSegmentDocs;
                boolean ranks = rankWeight != null && k <= MAX_CACHED_RANK;
                boolean filled = count
                        && cached
                        && ranks
                        && fillBoth(rankWeight, leaf, core, rewritten, sort, k, reader.maxDoc());
                if (count) {
                    total.add(
                            cached
                                    ? cachedCounts(countWeight, leaf, core, rewritten, live, filled)
                                    : countSegment(countWeight, leaf, live),
                            1);
                }
                if (rankWeight != null) {
                    FieldDoc[] best = cached && ranks
                            ? cachedRanking(rankWeight, leaf, core, rewritten, sort, k, live, reader.maxDoc(), filled)
                            : rank(rankWeight, leaf, sort, k, live);
                    for (FieldDoc d : best) {
                        d.shardIndex = ranked.size();
                    }
                    ranked.add(new TopFieldDocs(
                            new TotalHits(best.length, TotalHits.Relation.EQUAL_TO), best, sort.getSort()));
                }
            }
            List<String> keys = new ArrayList<>();
            if (page && !ranked.isEmpty()) {
                TopFieldDocs merged = TopDocs.merge(sort, offset, limit, ranked.toArray(TopFieldDocs[]::new));
                StoredFields stored = reader.storedFields();
                for (ScoreDoc d : merged.scoreDocs) {
                    keys.add(key(reader.leaves(), stored, d.doc)); // doc ids of the whole reader
                }
            }
            Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
            for (String field : facetFields) {
                facets.put(field, top(total.values.getOrDefault(field, Map.of()), maxFacetValues));
            }
            return new Result(total.matched, facets, keys);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the index", e);
        }
    }

    /** The key of a hit (a doc id of the whole reader): kept for a large segment's hits, else read each time. */
    private String key(List<LeafReaderContext> leaves, StoredFields stored, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        LeafReader r = leaf.reader();
        if (maxEntries <= 0 || r.maxDoc() < cachedSegmentDocs || r.getCoreCacheHelper() == null) {
            return key(stored, doc);
        }
        Map<Integer, String> known =
                keysByCore.computeIfAbsent(r.getCoreCacheHelper().getKey(), c -> {
                    watch(r);
                    return Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
                        @Override
                        protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
                            return size() > KEYS_PER_SEGMENT;
                        }
                    });
                });
        int local = doc - leaf.docBase;
        String key = known.get(local);
        if (key == null) {
            key = key(stored, doc);
            known.put(local, key);
        }
        return key;
    }

    private String key(StoredFields stored, int doc) throws IOException {
        Document d = stored.document(doc, Set.copyOf(keyFields));
        StringBuilder key = new StringBuilder();
        for (String f : keyFields) {
            if (key.length() > 0) {
                key.append(':');
            }
            key.append(d.get(f));
        }
        return key.toString();
    }

    /** A search to ask again when large segments appear: the query, its order and how deep its pages went. */
    public record Warming(Query query, Sort sort, int depth) {}

    /** Does the reader hold large segments that no {@link #warm} has prepared yet? */
    public boolean hasUnwarmed(IndexReader reader) {
        return !unwarmed(reader).isEmpty();
    }

    private List<LeafReader> unwarmed(IndexReader reader) {
        List<LeafReader> out = new ArrayList<>();
        if (maxEntries == 0) {
            return out;
        }
        for (LeafReaderContext leaf : reader.leaves()) {
            LeafReader r = leaf.reader();
            if (r.maxDoc() >= cachedSegmentDocs
                    && r.getCoreCacheHelper() != null
                    && !warmedCores.contains(r.getCoreCacheHelper().getKey())) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * Asks the given searches (most important first, at most {@code maxEntries}) on the reader so that its new
     * large segments (a merge's, a rebuild's, or all of them after a start) hold their results before users ask;
     * answers how many segments it prepared. What other segments already hold is found again, not worked out.
     */
    public int warm(IndexReader reader, List<Warming> searches) {
        List<LeafReader> fresh = unwarmed(reader);
        if (fresh.isEmpty()) {
            return 0;
        }
        List<Warming> chosen = new ArrayList<>(searches.subList(0, Math.min(searches.size(), maxEntries)));
        // the least important first, so that the most important are the most recently used when the cache is full
        Collections.reverse(chosen);
        for (Warming w : chosen) {
            try {
                search(
                        reader,
                        w.query(),
                        w.sort(),
                        0,
                        Math.max(1, Math.min(w.depth(), MAX_CACHED_RANK)),
                        20,
                        false,
                        true);
            } catch (RuntimeException e) {
                // one bad search does not stop the others
                LOG.log(
                        Level.WARNING,
                        "A recent search failed while preparing new segments: " + LogSafe.of(w.query()),
                        e);
            }
        }
        for (LeafReader r : fresh) {
            warmedCores.add(r.getCoreCacheHelper().getKey());
            watch(r);
        }
        return fresh.size();
    }

    /** Cache hits and misses since start, and the entries kept now. */
    public long[] stats() {
        return new long[] {hits.get(), misses.get(), counts.size() + rankings.size()};
    }

    private Counts cachedCounts(
            Weight weight, LeafReaderContext leaf, Object core, Query query, Bits live, boolean filled)
            throws IOException {
        if (live != null
                && (long) leaf.reader().numDeletedDocs() * 8 > leaf.reader().maxDoc()) {
            // an eighth or more deleted (a rebuild just replaced everything): counting the live ones is cheaper
            // than subtracting the deleted ones, until a merge drops them
            return countSegment(weight, leaf, live);
        }
        CountKey key = new CountKey(core, query);
        Counts all = counts.get(key);
        if (all == null) {
            misses.incrementAndGet();
            all = countSegment(weight, leaf, null);
            counts.put(key, all);
            watch(leaf.reader());
        } else if (!filled) {
            hits.incrementAndGet();
        }
        if (live == null) {
            return all;
        }
        Counts c = new Counts();
        c.add(all, 1);
        c.add(countDeleted(weight, leaf, live), -1);
        return c;
    }

    private static boolean usable(Ranking kept, Sort sort, int k, int indexDocs) {
        if (kept == null || kept.asked() < k) {
            return false;
        }
        long drift = Math.abs((long) indexDocs - kept.indexDocs()) * 100;
        return !sort.needsScores() || drift <= (long) kept.indexDocs() * STATS_DRIFT_PERCENT;
    }

    private static int asked(int k, Ranking kept) {
        return Math.min(MAX_CACHED_RANK + SLACK, Math.max(k, kept == null ? 0 : kept.asked()) + SLACK);
    }

    /**
     * When neither the counts nor a usable ranking of a large segment are kept (a new query, a new segment), works
     * out both in one pass over its matches (deleted ones included, as kept entries are), and keeps them; answers
     * whether it did. The lookups that follow find them; they count as misses here, not as hits there.
     */
    private boolean fillBoth(
            Weight weight, LeafReaderContext leaf, Object core, Query query, Sort sort, int k, int indexDocs)
            throws IOException {
        CountKey countKey = new CountKey(core, query);
        RankKey rankKey = new RankKey(core, query, sort);
        Ranking kept = rankings.get(rankKey);
        if (counts.get(countKey) != null || usable(kept, sort, k, indexDocs)) {
            return false;
        }
        int asked = asked(k, kept);
        // no skipping: every match is counted
        TopFieldCollector c = new TopFieldCollectorManager(sort, asked, null, Integer.MAX_VALUE, false).newCollector();
        LeafCollector top = c.getLeafCollector(leaf);
        int[][] docs = {new int[1024]};
        int[] n = {0};
        LeafCollector both = new LeafCollector() {
            @Override
            public void setScorer(Scorable scorer) throws IOException {
                top.setScorer(scorer);
            }

            @Override
            public void collect(int doc) throws IOException {
                if (n[0] == docs[0].length) {
                    docs[0] = Arrays.copyOf(docs[0], n[0] * 2);
                }
                docs[0][n[0]++] = doc;
                top.collect(doc);
            }
        };
        BulkScorer scorer = weight.bulkScorer(leaf);
        if (scorer != null) {
            scorer.score(both, null);
        }
        top.finish();
        counts.put(countKey, countDocs(leaf.reader(), docs[0], n[0]));
        rankings.put(rankKey, ranking(c.topDocs(), leaf, asked, indexDocs));
        watch(leaf.reader());
        misses.addAndGet(2);
        return true;
    }

    private static Ranking ranking(TopFieldDocs all, LeafReaderContext leaf, int asked, int indexDocs) {
        FieldDoc[] docs = new FieldDoc[all.scoreDocs.length];
        for (int i = 0; i < docs.length; i++) {
            FieldDoc d = (FieldDoc) all.scoreDocs[i];
            docs[i] = new FieldDoc(d.doc - leaf.docBase, d.score, d.fields);
        }
        boolean complete = all.totalHits.relation == TotalHits.Relation.EQUAL_TO && all.totalHits.value == docs.length;
        return new Ranking(docs, asked, complete, indexDocs);
    }

    /** The segment's best k live matches, from the kept ranking when it still holds enough of them. */
    private FieldDoc[] cachedRanking(
            Weight weight,
            LeafReaderContext leaf,
            Object core,
            Query query,
            Sort sort,
            int k,
            Bits live,
            int indexDocs,
            boolean filled)
            throws IOException {
        RankKey key = new RankKey(core, query, sort);
        Ranking kept = rankings.get(key);
        if (usable(kept, sort, k, indexDocs)) {
            List<FieldDoc> alive = new ArrayList<>(k);
            for (FieldDoc d : kept.docs()) {
                if (live == null || live.get(d.doc)) {
                    alive.add(d);
                    if (alive.size() == k) {
                        break;
                    }
                }
            }
            // enough left, or the kept ranking held every match of the segment
            if (alive.size() == k || kept.complete()) {
                if (!filled) {
                    hits.incrementAndGet();
                }
                return withBase(alive, leaf.docBase);
            }
        }
        misses.incrementAndGet();
        int asked = asked(k, kept);
        TopFieldCollector c = collector(sort, asked);
        collect(weight, leaf, c, null);
        Ranking fresh = ranking(c.topDocs(), leaf, asked, indexDocs);
        FieldDoc[] docs = fresh.docs();
        boolean complete = fresh.complete();
        rankings.put(key, fresh);
        watch(leaf.reader());
        List<FieldDoc> alive = new ArrayList<>(k);
        for (FieldDoc d : docs) {
            if (live == null || live.get(d.doc)) {
                alive.add(d);
                if (alive.size() == k) {
                    break;
                }
            }
        }
        if (alive.size() < k && !complete) {
            return rank(weight, leaf, sort, k, live); // too many of the best are deleted: rank the live ones
        }
        return withBase(alive, leaf.docBase);
    }

    private static FieldDoc[] withBase(List<FieldDoc> docs, int docBase) {
        FieldDoc[] out = new FieldDoc[docs.size()];
        for (int i = 0; i < out.length; i++) {
            FieldDoc d = docs.get(i);
            out[i] = new FieldDoc(d.doc + docBase, d.score, d.fields);
        }
        return out;
    }

    /** The segment's best k live matches, worked out now (doc ids of the whole reader). */
    private static FieldDoc[] rank(Weight weight, LeafReaderContext leaf, Sort sort, int k, Bits live)
            throws IOException {
        TopFieldCollector c = collector(sort, k);
        collect(weight, leaf, c, live);
        ScoreDoc[] docs = c.topDocs().scoreDocs;
        FieldDoc[] out = new FieldDoc[docs.length];
        for (int i = 0; i < docs.length; i++) {
            out[i] = (FieldDoc) docs[i];
        }
        return out;
    }

    private static TopFieldCollector collector(Sort sort, int k) {
        // the exact count comes from the facet pass, so ranking may skip what cannot make the top k
        return new TopFieldCollectorManager(sort, Math.max(1, k), null, Math.max(1, k), false).newCollector();
    }

    private static void collect(Weight weight, LeafReaderContext leaf, TopFieldCollector c, Bits accept)
            throws IOException {
        LeafCollector lc = c.getLeafCollector(leaf);
        BulkScorer scorer = weight.bulkScorer(leaf);
        if (scorer != null) {
            scorer.score(lc, accept);
        }
        lc.finish();
    }

    private void watch(LeafReader r) {
        Object core = r.getCoreCacheHelper().getKey();
        if (watchedCores.add(core)) {
            r.getCoreCacheHelper().addClosedListener(closed -> {
                watchedCores.remove(closed);
                warmedCores.remove(closed);
                keysByCore.remove(closed);
                counts.removeIf(k -> k.core() == closed);
                rankings.removeIf(k -> k.core() == closed);
            });
        }
    }

    /** Counts the matching documents of a segment; {@code live} null counts deleted ones too. */
    private Counts countSegment(Weight weight, LeafReaderContext leaf, Bits live) throws IOException {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return new Counts();
        }
        DocIdSetIterator it = scorer.iterator();
        int[] docs = new int[1024];
        int n = 0;
        for (int d = it.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = it.nextDoc()) {
            if (live != null && !live.get(d)) {
                continue;
            }
            if (n == docs.length) {
                docs = Arrays.copyOf(docs, n * 2);
            }
            docs[n++] = d;
        }
        return countDocs(leaf.reader(), docs, n);
    }

    /** Counts the matching documents of a segment that are deleted. */
    private Counts countDeleted(Weight weight, LeafReaderContext leaf, Bits live) throws IOException {
        int deleted = leaf.reader().numDeletedDocs();
        if (deleted == 0) {
            return new Counts();
        }
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
            return new Counts();
        }
        DocIdSetIterator it = scorer.iterator();
        int[] gone =
                deletedDocs.computeIfAbsent(live, l -> deleted(l, leaf.reader().maxDoc(), deleted));
        int[] docs = new int[Math.min(gone.length, 1024)];
        int n = 0;
        for (int d : gone) {
            int at = it.docID() < d ? it.advance(d) : it.docID();
            if (at == DocIdSetIterator.NO_MORE_DOCS) {
                break;
            }
            if (at == d) {
                if (n == docs.length) {
                    docs = Arrays.copyOf(docs, n * 2);
                }
                docs[n++] = d;
            }
        }
        return countDocs(leaf.reader(), docs, n);
    }

    private static int[] deleted(Bits live, int maxDoc, int count) {
        int[] out = new int[count];
        int n = 0;
        for (int d = 0; d < maxDoc && n < count; d++) {
            if (!live.get(d)) {
                out[n++] = d;
            }
        }
        return n == count ? out : Arrays.copyOf(out, n);
    }

    private Counts countDocs(LeafReader reader, int[] docs, int n) throws IOException {
        Counts c = new Counts();
        c.matched = n;
        if (n == 0) {
            return c;
        }
        for (String field : facetFields) {
            SortedSetDocValues dv = DocValues.getSortedSet(reader, field);
            long ords = dv.getValueCount();
            if (ords == 0) {
                continue;
            }
            int[] perOrd = new int[(int) ords];
            for (int i = 0; i < n; i++) {
                if (dv.advanceExact(docs[i])) {
                    for (int j = dv.docValueCount(); j > 0; j--) {
                        perOrd[(int) dv.nextOrd()]++;
                    }
                }
            }
            Map<String, Long> values = new HashMap<>();
            for (int ord = 0; ord < perOrd.length; ord++) {
                if (perOrd[ord] > 0) {
                    values.put(dv.lookupOrd(ord).utf8ToString(), (long) perOrd[ord]);
                }
            }
            c.values.put(field, values);
        }
        return c;
    }

    /** The {@code max} values with the highest counts, ties by value; values left with no match are dropped. */
    static Map<String, Long> top(Map<String, Long> values, int max) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v > 0) {
                entries.add(Map.entry(k, v));
            }
        });
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> top = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(max, entries.size()); i++) {
            top.put(entries.get(i).getKey(), entries.get(i).getValue());
        }
        return top;
    }
}
