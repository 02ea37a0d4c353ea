package org.modelregistry.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The query parameters of a listing or a search, as the API names them ({@code group}, {@code name}, {@code q},
 * {@code limit}, {@code cursor}...); null values are left out.
 */
public final class Query {

    private final Map<String, String> params = new LinkedHashMap<>();

    private Query() {}

    public static Query empty() {
        return new Query();
    }

    public static Query of(String name, Object value) {
        return new Query().and(name, value);
    }

    public Query and(String name, Object value) {
        if (value != null) {
            params.put(name, value.toString());
        }
        return this;
    }

    public Map<String, String> params() {
        return Map.copyOf(params);
    }

    String encoded() {
        return params.isEmpty()
                ? ""
                : params.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&", "?", ""));
    }
}
