package org.modelregistry.client.imports;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A Hugging Face model card: the YAML front matter of a {@code README.md} (between a first line {@code ---} and the
 * next {@code ---}), read with SnakeYAML's safe constructor (plain maps, lists and scalars: no classes are made from
 * the file), duplicate keys refused and aliases bounded. A malformed front matter is an {@link ImportException}
 * naming the file and the line. Only the front matter is read into memory; the card itself is uploaded streamed.
 */
public final class ModelCard {

    /** The largest front matter read; what it becomes in the metadata is then judged by the registry's body limit. */
    static final int MAX_FRONT_MATTER_CHARS = 16 << 20;

    private final Map<String, Object> data;

    private ModelCard(Map<String, Object> data) {
        this.data = data;
    }

    /** The card of {@code readme}: its front matter, or an empty one when the file has none. */
    public static ModelCard read(Path readme) {
        String name = readme.getFileName().toString();
        StringBuilder yaml = new StringBuilder();
        try (BufferedReader in = Files.newBufferedReader(readme, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || !stripBom(first).strip().equals("---")) {
                return new ModelCard(Map.of());
            }
            int line = 1;
            for (String l = in.readLine(); ; l = in.readLine()) {
                line++;
                if (l == null) {
                    throw new ImportException(
                            ImportException.Kind.INVALID_INPUT,
                            name + " line 1: the front matter opened with '---' is never closed by another '---'");
                }
                if (l.strip().equals("---") || l.strip().equals("...")) {
                    break;
                }
                yaml.append(l).append('\n');
                if (yaml.length() > MAX_FRONT_MATTER_CHARS) {
                    throw new ImportException(
                            ImportException.Kind.INVALID_INPUT,
                            name + " line " + line + ": the front matter is longer than " + MAX_FRONT_MATTER_CHARS
                                    + " characters");
                }
            }
        } catch (IOException e) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT,
                    name + ": cannot be read as UTF-8 text (" + e.getMessage() + ")");
        }
        return parse(name, yaml.toString(), 2);
    }

    /** Parses front matter text that starts on line {@code firstLine} of the file {@code name}. */
    static ModelCard parse(String name, String yaml, int firstLine) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        options.setCodePointLimit(MAX_FRONT_MATTER_CHARS + 1);
        options.setAllowRecursiveKeys(false);
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " line " + (mark.getLine() + firstLine);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT, name + where + ": malformed front matter: " + problem, e);
        } catch (YAMLException e) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT, name + ": malformed front matter: " + e.getMessage(), e);
        }
        if (loaded == null) {
            return new ModelCard(Map.of());
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new ImportException(
                    ImportException.Kind.INVALID_INPUT,
                    name + " line " + firstLine + ": the front matter is not a mapping of keys to values");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        map.forEach((k, v) -> data.put(String.valueOf(k), v));
        return new ModelCard(data);
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    public boolean isEmpty() {
        return data.isEmpty();
    }

    /** The licence as the card gives it ({@code apache-2.0}, {@code other}...), or null. */
    public String license() {
        List<String> l = strings("license");
        return l.isEmpty() ? null : l.get(0);
    }

    public List<String> tags() {
        return strings("tags");
    }

    public List<String> datasets() {
        return strings("datasets");
    }

    public List<String> languages() {
        return strings("language");
    }

    public List<String> baseModels() {
        return strings("base_model");
    }

    public String pipelineTag() {
        List<String> l = strings("pipeline_tag");
        return l.isEmpty() ? null : l.get(0);
    }

    public String libraryName() {
        List<String> l = strings("library_name");
        return l.isEmpty() ? null : l.get(0);
    }

    /** The names the card's {@code metrics} lists (what the model is measured by). */
    public List<String> metricNames() {
        return strings("metrics");
    }

    /** One result of {@code model-index}: a metric measured on a dataset for a task. */
    public record Result(String task, String dataset, String metric, Object value) {}

    /** The results of {@code model-index} (entries that are not shaped as the card specification says are skipped). */
    public List<Result> results() {
        List<Result> out = new ArrayList<>();
        for (Object model : list(data.get("model-index"))) {
            if (!(model instanceof Map<?, ?> m)) {
                continue;
            }
            for (Object result : list(m.get("results"))) {
                if (!(result instanceof Map<?, ?> r)) {
                    continue;
                }
                String task = field(r.get("task"), "type");
                String dataset = field(r.get("dataset"), "name");
                if (dataset == null) {
                    dataset = field(r.get("dataset"), "type");
                }
                for (Object metric : list(r.get("metrics"))) {
                    if (metric instanceof Map<?, ?> x && x.get("type") != null && x.containsKey("value")) {
                        out.add(new Result(task, dataset, String.valueOf(x.get("type")), x.get("value")));
                    }
                }
            }
        }
        return out;
    }

    /** The whole front matter as JSON (dates as ISO-8601 text, binary as base64). */
    public JsonObject toJson() {
        return (JsonObject) json(data);
    }

    private List<String> strings(String key) {
        Object v = data.get(key);
        if (v == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object each : v instanceof Collection<?> c ? c : List.of(v)) {
            if (each != null && !(each instanceof Map<?, ?>) && !(each instanceof Collection<?>)) {
                out.add(String.valueOf(each));
            }
        }
        return out;
    }

    private static List<?> list(Object v) {
        return v instanceof List<?> l ? l : List.of();
    }

    private static String field(Object map, String key) {
        return map instanceof Map<?, ?> m && m.get(key) != null ? String.valueOf(m.get(key)) : null;
    }

    static JsonValue json(Object v) {
        if (v == null) {
            return JsonValue.NULL;
        }
        if (v instanceof Map<?, ?> m) {
            JsonObjectBuilder o = Json.createObjectBuilder();
            m.forEach((k, val) -> o.add(String.valueOf(k), json(val)));
            return o.build();
        }
        if (v instanceof Collection<?> c) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            c.forEach(each -> a.add(json(each)));
            return a.build();
        }
        if (v instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        }
        if (v instanceof Integer || v instanceof Long) {
            return Json.createValue(((Number) v).longValue());
        }
        if (v instanceof BigInteger b) {
            return Json.createValue(b);
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Double.isFinite(d) ? Json.createValue(BigDecimal.valueOf(d)) : Json.createValue(String.valueOf(d));
        }
        if (v instanceof Date d) {
            return Json.createValue(d.toInstant().toString());
        }
        if (v instanceof byte[] b) {
            return Json.createValue(Base64.getEncoder().encodeToString(b));
        }
        return Json.createValue(String.valueOf(v));
    }
}
