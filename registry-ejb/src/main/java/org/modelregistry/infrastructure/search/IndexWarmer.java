package org.modelregistry.infrastructure.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexReader;
import org.hibernate.search.backend.lucene.LuceneExtension;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;

/**
 * Prepares new segments of a local index with the recent searches, so that users' next searches find their results
 * kept. Every {@value #INTERVAL_MILLIS} ms: when the index holds large segments not yet prepared (all of them after a
 * start, a rebuild's, a merge's), asks the recent searches on them, the most asked first. The recent searches are
 * saved beside the index ({@code recent-searches.json}) every minute and at stop, so that a restarted server prepares
 * its segments too.
 */
final class IndexWarmer {

    static final long INTERVAL_MILLIS = 5_000;

    private static final Logger LOG = Logger.getLogger(IndexWarmer.class.getName());
    private static final int RECENT = 256;
    private static final long SAVE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final SearchMapping mapping;
    private final SegmentSearcher segmentSearcher;
    private final Analyzer searchAnalyzer;
    private final RecentSearches recent;
    private volatile long recentSavedAt = System.nanoTime();

    /** Loads the recent searches saved in the directory of the index. */
    IndexWarmer(SearchMapping mapping, SegmentSearcher segmentSearcher, Analyzer searchAnalyzer, Path directory) {
        this.mapping = mapping;
        this.segmentSearcher = segmentSearcher;
        this.searchAnalyzer = searchAnalyzer;
        this.recent = new RecentSearches(directory.resolve("recent-searches.json"), RECENT);
        recent.load();
    }

    /** Remembers a search that worked, to be asked again on new segments. */
    void record(SearchSpec spec) {
        recent.record(spec);
    }

    void warm() {
        IndexReader reader = mapping.scope(CatalogDocument.class)
                .extension(LuceneExtension.get())
                .openIndexReader();
        try (reader) {
            if (segmentSearcher.hasUnwarmed(reader)) {
                List<SegmentSearcher.Warming> searches = new ArrayList<>();
                for (RecentSearches.Entry e : recent.mostAskedFirst()) {
                    searches.add(new SegmentSearcher.Warming(
                            e.spec().toQuery(searchAnalyzer),
                            e.spec().luceneSort(),
                            e.spec().depth()));
                }
                long t0 = System.nanoTime();
                int segments = segmentSearcher.warm(reader, searches);
                long took = (System.nanoTime() - t0) / 1_000_000;
                if (segments > 0 && !searches.isEmpty()) {
                    LOG.log(
                            took >= 1000 ? Level.INFO : Level.FINE,
                            () -> String.format(
                                    "Prepared %d new index segment(s) with %d recent searches in %d ms",
                                    segments, searches.size(), took));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (System.nanoTime() - recentSavedAt > SAVE_NANOS) {
            recentSavedAt = System.nanoTime();
            recent.save();
        }
    }

    /** Saves the recent searches (at stop). */
    void save() {
        recent.save();
    }
}
