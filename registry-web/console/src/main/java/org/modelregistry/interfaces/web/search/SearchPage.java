package org.modelregistry.interfaces.web.search;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.RegistryException;
import org.modelregistry.api.search.SearchHitDto;
import org.modelregistry.api.search.SearchRequest;
import org.modelregistry.api.search.SearchResultDto;
import org.modelregistry.api.search.SearchService;
import org.modelregistry.interfaces.web.Messages;

/**
 * {@code search.xhtml}: a GET page (its address is the search, so it can be bookmarked and shared) over
 * {@link SearchService}, which limits every hit and every facet count to the caller's organizations. Facet values are
 * links that add a filter; {@code ?similar=<model id>} lists the models most like one.
 */
@Named
@RequestScoped
public class SearchPage {

    /** Facets of the result (as the service names them) and the query parameter each one filters. */
    static final Map<String, String> FACET_PARAMS = facetParams();

    private static final int PAGE = 20;

    @EJB
    SearchService search;

    private final Map<String, String> filters = new LinkedHashMap<>();
    private String q;
    private String cursor;
    private String similar;
    private SearchResultDto result;
    private List<SearchHitDto> similarHits;

    private static Map<String, String> facetParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("type", "type");
        params.put("riskTier", "riskTier");
        params.put("state", "state");
        params.put("group", "group");
        params.put("tags", "tag");
        params.put("owners", "owner");
        params.put("license", "license");
        return params;
    }

    /** The page's view action. */
    public void load() {
        try {
            if (similar != null) {
                similarHits = search.similar(modelId(similar), 10);
            } else if (q != null || !filters.isEmpty()) {
                result = search.search(new SearchRequest(
                        q,
                        filters.get("type"),
                        filters.get("riskTier"),
                        filters.get("state"),
                        filters.get("owner"),
                        filters.get("tag"),
                        filters.get("group"),
                        filters.get("license"),
                        null,
                        null,
                        null,
                        null,
                        PAGE,
                        cursor));
            }
        } catch (NotFoundException e) {
            throw e;
        } catch (RegistryException e) {
            // a query the search cannot run: say why beside the box, not on an error page
            Messages.error(
                    e.errors().isEmpty()
                            ? e.detail()
                            : e.errors().get(0).field() + ": "
                                    + e.errors().get(0).message());
        }
    }

    private static UUID modelId(String given) {
        try {
            return UUID.fromString(given);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("model", given);
        }
    }

    /**
     * A highlight fragment as safe HTML: the index keeps the catalog's text as people wrote it (it may hold markup), so
     * everything is escaped, then the highlighter's own {@code <em>} marks are put back.
     */
    public static String safeHighlight(String fragment) {
        if (fragment == null) {
            return "";
        }
        String escaped = fragment.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
        return escaped.replace("&lt;em&gt;", "<em>").replace("&lt;/em&gt;", "</em>");
    }

    public String highlight(String fragment) {
        return safeHighlight(fragment);
    }

    /** The fragments of a hit, each with the field it matched in. */
    public List<Map.Entry<String, String>> fragments(SearchHitDto hit) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        if (hit.highlights() != null) {
            hit.highlights().forEach((field, list) -> list.forEach(f -> all.add(Map.entry(field, safeHighlight(f)))));
        }
        return all;
    }

    /** The facets to show, in a stable order, with their values. */
    public List<Map.Entry<String, Map<String, Long>>> getFacets() {
        List<Map.Entry<String, Map<String, Long>>> shown = new ArrayList<>();
        if (result != null && result.facets() != null) {
            FACET_PARAMS.keySet().forEach(facet -> {
                Map<String, Long> values = result.facets().get(facet);
                if (values != null && !values.isEmpty()) {
                    shown.add(Map.entry(facet, values));
                }
            });
        }
        return shown;
    }

    /** This search with one more filter (a facet value), from the first page. */
    public String facetUrl(String facet, String value) {
        Map<String, String> next = new LinkedHashMap<>(filters);
        next.put(FACET_PARAMS.getOrDefault(facet, facet), value);
        return url(q, next, null);
    }

    /** This search without one filter. */
    public String withoutUrl(String param) {
        Map<String, String> next = new LinkedHashMap<>(filters);
        next.remove(param);
        return url(q, next, null);
    }

    public String getNextUrl() {
        return result == null || result.nextCursor() == null ? null : url(q, filters, result.nextCursor());
    }

    public List<Map.Entry<String, String>> getActiveFilters() {
        return new ArrayList<>(filters.entrySet());
    }

    static String url(String q, Map<String, String> filters, String cursor) {
        StringBuilder url = new StringBuilder("search.xhtml?q=").append(encode(q == null ? "" : q));
        filters.forEach((k, v) -> url.append('&').append(k).append('=').append(encode(v)));
        if (cursor != null) {
            url.append("&cursor=").append(encode(cursor));
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void filter(String name, String value) {
        if (value == null || value.isBlank()) {
            filters.remove(name);
        } else {
            filters.put(name, value);
        }
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q == null || q.isBlank() ? null : q;
    }

    public String getType() {
        return filters.get("type");
    }

    public void setType(String v) {
        filter("type", v);
    }

    public String getRiskTier() {
        return filters.get("riskTier");
    }

    public void setRiskTier(String v) {
        filter("riskTier", v);
    }

    public String getState() {
        return filters.get("state");
    }

    public void setState(String v) {
        filter("state", v);
    }

    public String getTag() {
        return filters.get("tag");
    }

    public void setTag(String v) {
        filter("tag", v);
    }

    public String getOwner() {
        return filters.get("owner");
    }

    public void setOwner(String v) {
        filter("owner", v);
    }

    public String getGroup() {
        return filters.get("group");
    }

    public void setGroup(String v) {
        filter("group", v);
    }

    public String getLicense() {
        return filters.get("license");
    }

    public void setLicense(String v) {
        filter("license", v);
    }

    public String getCursor() {
        return cursor;
    }

    public void setCursor(String cursor) {
        this.cursor = cursor;
    }

    public String getSimilar() {
        return similar;
    }

    public void setSimilar(String similar) {
        this.similar = similar;
    }

    public SearchResultDto getResult() {
        return result;
    }

    public List<SearchHitDto> getSimilarHits() {
        return similarHits;
    }
}
