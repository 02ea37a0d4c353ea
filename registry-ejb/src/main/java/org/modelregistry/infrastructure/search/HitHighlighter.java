package org.modelregistry.infrastructure.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Marks the words of a search in a hit's text, from the text alone (local index): the page's hits are read with their
 * stored name and description, and this highlighter analyzes each with the field's own analyzer and marks what the
 * search's words match, as Lucene's unified highlighter does, sentence by sentence, at most {@value #FRAGMENTS}
 * fragments a field, in text order, without the sentences that match nothing.
 *
 * <p>Why not Hibernate Search's highlighter: it runs the whole query (every filter included) again for each hit and
 * field over the hit's term vectors, and merges the field infos of every segment for each one; on a million-document
 * index that was 40 % of a search's time. The words alone, on a name or a description of a few sentences, cost a few
 * microseconds. A search on Elasticsearch or OpenSearch still highlights in the cluster.
 */
public final class HitHighlighter {

    /** Fragments a field gives at most. */
    public static final int FRAGMENTS = 3;

    private static final HitHighlighter NONE = new HitHighlighter(null, null);

    private final UnifiedHighlighter highlighter;
    private final Query words;

    private HitHighlighter(Analyzer indexAnalyzer, Query words) {
        this.words = words;
        this.highlighter = words == null
                ? null
                : UnifiedHighlighter.builderWithoutSearcher(indexAnalyzer)
                        .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
                        .withMaxNoHighlightPassages(0)
                        .withFormatter(new Fragments())
                        .build();
    }

    /**
     * The highlighter of a search's words ({@code text} as the search reads it), analyzed by {@code searchAnalyzer};
     * {@code indexAnalyzer} analyzes the hits' text. Blank words highlight nothing.
     */
    static HitHighlighter of(Analyzer indexAnalyzer, Analyzer searchAnalyzer, String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        return new HitHighlighter(
                indexAnalyzer, new CatalogQuery(searchAnalyzer).text(text).build());
    }

    /** The fragments of {@code text} (the stored value of {@code field}) that hold the words, marked; empty if none. */
    @SuppressWarnings("unchecked")
    public List<String> fragments(String field, String text) {
        if (highlighter == null || text == null || text.isEmpty()) {
            return List.of();
        }
        try {
            Object found = highlighter.highlightWithoutSearcher(field, words, text, FRAGMENTS);
            return found == null ? List.of() : (List<String>) found;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysis of a string in memory
        }
    }

    /** Each passage as one fragment, its matches between {@code <em>} and {@code </em>}, trimmed; text order. */
    private static final class Fragments extends PassageFormatter {

        @Override
        public List<String> format(Passage[] passages, String content) {
            List<String> fragments = new ArrayList<>(passages.length);
            for (Passage passage : passages) {
                StringBuilder sb = new StringBuilder();
                int pos = passage.getStartOffset();
                for (int i = 0; i < passage.getNumMatches(); i++) {
                    int start = passage.getMatchStarts()[i];
                    int end = passage.getMatchEnds()[i];
                    if (start > pos) {
                        sb.append(content, pos, start);
                    }
                    if (end > pos) { // overlapping matches are marked once
                        sb.append("<em>")
                                .append(content, Math.max(pos, start), end)
                                .append("</em>");
                        pos = end;
                    }
                }
                sb.append(content, pos, Math.max(pos, passage.getEndOffset()));
                fragments.add(sb.toString().trim());
            }
            return fragments;
        }
    }
}
