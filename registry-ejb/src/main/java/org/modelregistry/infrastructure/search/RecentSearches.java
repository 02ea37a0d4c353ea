package org.modelregistry.infrastructure.search;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.infrastructure.storage.AtomicFiles;

/**
 * The most recent distinct searches (page depth aside), each with the deepest page asked and how often it was
 * asked, kept in a JSON file so that a restarted server knows them too. {@link IndexWarmer} asks them again on new
 * large segments. Thread-safe.
 */
final class RecentSearches {

    private static final Logger LOG = Logger.getLogger(RecentSearches.class.getName());

    /** A remembered search: the spec carries the deepest page asked as its depth. */
    record Entry(SearchSpec spec, long asked) {}

    private final Path file;
    private final LinkedHashMap<SearchSpec, long[]> seen; // {deepest page, times asked}, most recent last
    private boolean changed;

    RecentSearches(Path file, int max) {
        this.file = file;
        this.seen = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SearchSpec, long[]> eldest) {
                return size() > max;
            }
        };
    }

    /** A search that worked, with the deepest page it asked for. */
    synchronized void record(SearchSpec spec) {
        long[] s = seen.computeIfAbsent(spec.withDepth(0), k -> new long[2]);
        s[0] = Math.max(s[0], spec.depth());
        s[1]++;
        changed = true;
    }

    /** The searches, the most asked first and, among equals, the most recent. */
    synchronized List<Entry> mostAskedFirst() {
        List<Entry> out = new ArrayList<>(seen.size());
        seen.forEach((spec, s) -> out.add(new Entry(spec.withDepth((int) s[0]), s[1])));
        Collections.reverse(out);
        out.sort((a, b) -> Long.compare(b.asked(), a.asked())); // stable: recency stays among equals
        return out;
    }

    /** Reads the file if there is one; a damaged file or entry is skipped with a warning. */
    void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonArray entries;
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var json = Json.createReader(in)) {
            entries = json.readArray();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Ignoring the unreadable list of recent searches " + file, e);
            return;
        }
        int bad = 0;
        synchronized (this) {
            for (var v : entries) {
                try {
                    JsonObject o = v.asJsonObject();
                    SearchSpec spec = SearchSpec.fromJson(o);
                    JsonNumber asked = o.getJsonNumber("asked");
                    seen.put(spec.withDepth(0), new long[] {spec.depth(), asked == null ? 1 : asked.longValue()});
                } catch (RuntimeException e) {
                    bad++; // one damaged entry: the others are still good
                }
            }
        }
        if (bad > 0) {
            int n = bad;
            LOG.warning(() -> "Ignored " + n + " unreadable entries of " + file);
        }
    }

    /** Writes the file when something changed since the last save; a failed write is tried again next time. */
    void save() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        synchronized (this) {
            if (!changed) {
                return;
            }
            changed = false;
            seen.forEach((spec, s) -> array.add(
                    Json.createObjectBuilder(spec.withDepth((int) s[0]).toJson())
                            .add("asked", s[1])));
        }
        try {
            AtomicFiles.write(file, array.build().toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            synchronized (this) {
                changed = true;
            }
            LOG.log(Level.WARNING, "Cannot save the list of recent searches to " + file, e);
        }
    }
}
