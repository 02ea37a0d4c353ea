package org.modelregistry.domain.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MODEL_CARD: the card (Markdown) has a heading for each section the suite names, such as "Intended use",
 * "Limitations", "Training data", "Evaluation data", "Ethical considerations". Headings are compared without case,
 * punctuation or numbering ("## 2. Intended Use:" is "intended use"), and a heading that contains the name counts
 * ("Intended use and users").
 */
public final class ModelCardCheck {

    public static final List<String> DEFAULT_SECTIONS =
            List.of("intended use", "limitations", "training data", "evaluation data", "ethical considerations");

    private ModelCardCheck() {}

    public static CheckOutcome check(String card, List<String> sections) {
        if (card == null) {
            return CheckOutcome.failed(Map.of(), "the version has no MODEL_CARD artifact with stored content");
        }
        Set<String> headings = new LinkedHashSet<>();
        for (String line : card.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                headings.add(normalize(trimmed.replaceFirst("^#+", "")));
            }
        }
        List<String> missing = new ArrayList<>();
        for (String section : sections) {
            String wanted = normalize(section);
            if (headings.stream().noneMatch(h -> h.contains(wanted))) {
                missing.add(section);
            }
        }
        Map<String, Object> measured = Map.of("headings", List.copyOf(headings), "missing", missing);
        return missing.isEmpty()
                ? CheckOutcome.passed(measured, "the card has every required section")
                : CheckOutcome.failed(measured, "the card lacks " + String.join(", ", missing));
    }

    static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .replaceAll("^\\s*\\d+\\s+", "")
                .strip();
    }
}
