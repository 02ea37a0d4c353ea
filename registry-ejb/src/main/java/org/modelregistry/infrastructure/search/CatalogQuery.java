package org.modelregistry.infrastructure.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.hibernate.search.engine.search.predicate.dsl.SimpleQueryFlag;

/**
 * One catalog search as a Lucene query, built once and used twice: Hibernate Search runs it for the page of hits
 * (sorting, projections, highlighting), and {@link FacetCounter} counts the total and the facets of the very same
 * query, segment by segment, so the counts and the hits cannot disagree on what matched.
 *
 * <p>The text is read like Hibernate Search's {@code simpleQueryString}: words (all required), "phrases", prefix*,
 * fuzzy~ terms, {@code |}, {@code -}, parentheses, each word looked up in the boosted text fields with the field's
 * own analyzer. Filters are exact terms of keyword fields; they do not score.
 */
public final class CatalogQuery {

    /**
     * The operators of the query syntax, as Hibernate Search's {@code simpleQueryString} takes them (the catalog's
     * searches on Elasticsearch/OpenSearch, and audit search): every one but slop ({@code ~N} after a phrase).
     */
    public static final Set<SimpleQueryFlag> OPERATORS = Collections.unmodifiableSet(EnumSet.of(
            SimpleQueryFlag.AND,
            SimpleQueryFlag.OR,
            SimpleQueryFlag.NOT,
            SimpleQueryFlag.PHRASE,
            SimpleQueryFlag.PREFIX,
            SimpleQueryFlag.FUZZY,
            SimpleQueryFlag.WHITESPACE,
            SimpleQueryFlag.PRECEDENCE,
            SimpleQueryFlag.ESCAPE));

    /** The text fields and their boosts: a name match ranks above a tag, a version, then description/metadata. */
    public static final Map<String, Float> TEXT_FIELDS = textFields();

    private final BooleanQuery.Builder query = new BooleanQuery.Builder();
    private final Analyzer analyzer;
    private boolean scored;

    public CatalogQuery(Analyzer searchAnalyzer) {
        this.analyzer = searchAnalyzer;
    }

    private static Map<String, Float> textFields() {
        Map<String, Float> m = new LinkedHashMap<>();
        m.put("name", 8f);
        m.put("tags_text", 4f);
        m.put("version_text", 3f);
        m.put("description", 1f);
        m.put("metadataText", 1f);
        return Collections.unmodifiableMap(m);
    }

    /** The words to find (already lower-cased); blank matches everything. */
    public CatalogQuery text(String words) {
        if (words != null && !words.isBlank()) {
            Parser parser = new Parser(analyzer, TEXT_FIELDS);
            parser.setDefaultOperator(Occur.MUST);
            Query parsed = parser.parse(words);
            // nothing searchable left after analysis (only stop words or operators): an empty query, no hit
            query.add(parsed != null ? parsed : new BooleanQuery.Builder().build(), Occur.MUST);
            scored = true;
        }
        return this;
    }

    /** Documents whose keyword field holds this exact value. */
    public CatalogQuery filter(String field, String value) {
        query.add(new TermQuery(new Term(field, value)), Occur.FILTER);
        return this;
    }

    /** Documents whose keyword field holds one of these values. */
    public CatalogQuery filterAny(String field, Set<String> values) {
        List<BytesRef> terms = new ArrayList<>(values.size());
        values.forEach(v -> terms.add(new BytesRef(v)));
        query.add(new TermInSetQuery(field, terms), Occur.FILTER);
        return this;
    }

    /** Documents created in [from, to] (either may be null). */
    public CatalogQuery created(Instant from, Instant to) {
        if (from != null || to != null) {
            query.add(
                    LongPoint.newRangeQuery(
                            "createdAt",
                            from == null ? Long.MIN_VALUE : from.toEpochMilli(),
                            to == null ? Long.MAX_VALUE : to.toEpochMilli()),
                    Occur.FILTER);
        }
        return this;
    }

    public Query build() {
        if (!scored) {
            query.add(new MatchAllDocsQuery(), Occur.MUST);
        }
        return query.build();
    }

    /** Prefix and fuzzy terms are normalized by the field's analyzer (lower case, accents folded), not stemmed. */
    private static final class Parser extends SimpleQueryParser {

        private static final int FLAGS = AND_OPERATOR
                | NOT_OPERATOR
                | OR_OPERATOR
                | PREFIX_OPERATOR
                | PHRASE_OPERATOR
                | PRECEDENCE_OPERATORS
                | ESCAPE_OPERATOR
                | WHITESPACE_OPERATOR
                | FUZZY_OPERATOR;

        Parser(Analyzer analyzer, Map<String, Float> weights) {
            super(analyzer, weights, FLAGS);
        }

        @Override
        protected Query newPrefixQuery(String text) {
            BooleanQuery.Builder bq = new BooleanQuery.Builder();
            for (Map.Entry<String, Float> e : weights.entrySet()) {
                BytesRef term = getAnalyzer().normalize(e.getKey(), text);
                bq.add(boost(new PrefixQuery(new Term(e.getKey(), term)), e.getValue()), Occur.SHOULD);
            }
            return simplify(bq.build());
        }

        @Override
        protected Query newFuzzyQuery(String text, int fuzziness) {
            BooleanQuery.Builder bq = new BooleanQuery.Builder();
            for (Map.Entry<String, Float> e : weights.entrySet()) {
                BytesRef term = getAnalyzer().normalize(e.getKey(), text);
                bq.add(boost(new FuzzyQuery(new Term(e.getKey(), term), fuzziness), e.getValue()), Occur.SHOULD);
            }
            return simplify(bq.build());
        }

        private static Query boost(Query q, float boost) {
            return boost == 1f ? q : new BoostQuery(q, boost);
        }
    }
}
