package org.modelregistry.infrastructure.search;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;

/**
 * One catalog search on the local index, as the service checked it: the words (lower-cased), exact keyword filters,
 * {@code metadata} key=value terms, the organizations the caller may see (null: all), a creation range, the order
 * and how deep the page goes. It turns into the Lucene query and sort, and into JSON, so that the server can ask
 * recent searches again to prepare new segments (see {@link IndexWarmer}).
 */
public record SearchSpec(
        String words,
        Map<String, String> filters,
        List<String> metadata,
        Set<String> organizations,
        Instant createdFrom,
        Instant createdTo,
        String sort,
        int depth) {

    private static final SortField NEWEST = newest();
    /** The orders: relevance breaks ties by newest, as does name. */
    private static final Map<String, Sort> SORTS = Map.of(
            "relevance", new Sort(SortField.FIELD_SCORE, NEWEST),
            "created", new Sort(NEWEST),
            "name", new Sort(byName(), NEWEST));

    public SearchSpec {
        words = words == null ? "" : words;
        filters = Map.copyOf(filters);
        metadata = List.copyOf(metadata);
        organizations = organizations == null ? null : Set.copyOf(new TreeSet<>(organizations));
        if (!SORTS.containsKey(sort)) {
            throw new IllegalArgumentException("sort: one of " + SORTS.keySet());
        }
    }

    private static SortField newest() {
        SortField f = new SortedNumericSortField("createdAt", SortField.Type.LONG, true);
        f.setMissingValue(Long.MIN_VALUE);
        return f;
    }

    private static SortField byName() {
        SortField f = new SortedSetSortField("name_sort", false);
        f.setMissingValue(SortField.STRING_LAST);
        return f;
    }

    public Sort luceneSort() {
        return SORTS.get(sort);
    }

    public Query toQuery(Analyzer searchAnalyzer) {
        CatalogQuery q = new CatalogQuery(searchAnalyzer).text(words);
        if (organizations != null) {
            q.filterAny("organizationId", organizations);
        }
        filters.forEach(q::filter);
        metadata.forEach(kv -> q.filter("metadata", kv));
        q.created(createdFrom, createdTo);
        return q.build();
    }

    /** The same search with another page depth ({@code 0} identifies the search among recent ones). */
    public SearchSpec withDepth(int d) {
        return new SearchSpec(words, filters, metadata, organizations, createdFrom, createdTo, sort, d);
    }

    public JsonObject toJson() {
        JsonObjectBuilder filterJson = Json.createObjectBuilder();
        new TreeMap<>(filters).forEach(filterJson::add);
        JsonArrayBuilder meta = Json.createArrayBuilder();
        metadata.forEach(meta::add);
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("words", words)
                .add("filters", filterJson)
                .add("metadata", meta)
                .add("sort", sort)
                .add("depth", depth);
        if (organizations != null) {
            JsonArrayBuilder orgs = Json.createArrayBuilder();
            organizations.stream().sorted().forEach(orgs::add);
            b.add("organizations", orgs);
        }
        if (createdFrom != null) {
            b.add("createdFrom", createdFrom.toString());
        }
        if (createdTo != null) {
            b.add("createdTo", createdTo.toString());
        }
        return b.build();
    }

    public static SearchSpec fromJson(JsonObject o) {
        Map<String, String> filters = new LinkedHashMap<>();
        o.getJsonObject("filters").forEach((k, v) -> filters.put(k, ((JsonString) v).getString()));
        List<String> metadata = new ArrayList<>();
        o.getJsonArray("metadata").forEach(v -> metadata.add(((JsonString) v).getString()));
        Set<String> orgs = null;
        if (o.containsKey("organizations") && o.get("organizations").getValueType() == JsonValue.ValueType.ARRAY) {
            orgs = new TreeSet<>();
            for (JsonValue v : o.getJsonArray("organizations")) {
                orgs.add(((JsonString) v).getString());
            }
        }
        return new SearchSpec(
                o.getString("words"),
                filters,
                metadata,
                orgs,
                o.containsKey("createdFrom") ? Instant.parse(o.getString("createdFrom")) : null,
                o.containsKey("createdTo") ? Instant.parse(o.getString("createdTo")) : null,
                o.getString("sort"),
                o.getInt("depth"));
    }
}
