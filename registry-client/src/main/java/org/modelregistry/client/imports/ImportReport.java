package org.modelregistry.client.imports;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What one import did, item by item (a model, a version, a tag, an alias, an artifact) with the outcome and the
 * reason; {@link #counts()} sums them up by kind. Not thread-safe: one import fills it.
 */
public final class ImportReport {

    /** What became of one item of the source. */
    public enum Outcome {
        /** Copied into the registry. */
        CREATED,
        /** Would be copied (a dry run). */
        PLANNED,
        /** Already in the registry from an earlier import: nothing done. */
        SKIPPED,
        /** In the registry already, but the source changed since: reported, the registry's copy kept. */
        CONFLICT,
        /**
         * Left out by design: a registry rule refuses it (a protected alias on a DRAFT, a tag outside the tag rule), or
         * it is out of reach (artifacts not behind the source's artifact proxy). The reason says which.
         */
        NOT_IMPORTED,
        /** Could not be imported: the reason says why. */
        FAILED
    }

    /** One item. {@code cause} is the failure behind a FAILED item (not printed; it decides the exit code). */
    public record Item(String kind, String name, Outcome outcome, String reason, RuntimeException cause) {}

    private final String source;
    private final boolean dryRun;
    private final List<Item> items = new ArrayList<>();

    public ImportReport(String source, boolean dryRun) {
        this.source = source;
        this.dryRun = dryRun;
    }

    public String source() {
        return source;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** A created item, or a planned one in a dry run. */
    void created(String kind, String name) {
        add(kind, name, dryRun ? Outcome.PLANNED : Outcome.CREATED, null, null);
    }

    void add(String kind, String name, Outcome outcome, String reason) {
        add(kind, name, outcome, reason, null);
    }

    void failed(String kind, String name, RuntimeException cause) {
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        add(kind, name, Outcome.FAILED, reason, cause);
    }

    void add(String kind, String name, Outcome outcome, String reason, RuntimeException cause) {
        items.add(new Item(kind, name, outcome, reason, cause));
    }

    public List<Item> items() {
        return Collections.unmodifiableList(items);
    }

    /** Kind to outcome to count, both in name order. */
    public Map<String, Map<Outcome, Integer>> counts() {
        Map<String, Map<Outcome, Integer>> counts = new TreeMap<>();
        for (Item i : items) {
            counts.computeIfAbsent(i.kind(), k -> new TreeMap<>()).merge(i.outcome(), 1, Integer::sum);
        }
        return counts;
    }

    public long count(String kind, Outcome outcome) {
        return items.stream()
                .filter(i -> i.kind().equals(kind) && i.outcome() == outcome)
                .count();
    }

    /** The first failure, in the order the import met them. */
    public Optional<Item> firstFailure() {
        return items.stream().filter(i -> i.outcome() == Outcome.FAILED).findFirst();
    }

    public boolean hasConflicts() {
        return items.stream().anyMatch(i -> i.outcome() == Outcome.CONFLICT);
    }

    /** The report as JSON: source, dryRun, counts (kind to outcome to number) and the items. */
    public JsonObject toJson() {
        JsonObjectBuilder countsJson = Json.createObjectBuilder();
        counts().forEach((kind, byOutcome) -> {
            JsonObjectBuilder o = Json.createObjectBuilder();
            byOutcome.forEach((outcome, n) -> o.add(outcome.name().toLowerCase(Locale.ROOT), n));
            countsJson.add(kind, o);
        });
        var itemsJson = Json.createArrayBuilder();
        for (Item i : items) {
            JsonObjectBuilder o = Json.createObjectBuilder()
                    .add("kind", i.kind())
                    .add("name", i.name())
                    .add("outcome", i.outcome().name());
            if (i.reason() != null) {
                o.add("reason", i.reason());
            }
            itemsJson.add(o);
        }
        return Json.createObjectBuilder()
                .add("source", source)
                .add("dryRun", dryRun)
                .add("counts", countsJson)
                .add("items", itemsJson)
                .build();
    }
}
