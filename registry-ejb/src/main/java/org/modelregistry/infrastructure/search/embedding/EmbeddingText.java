package org.modelregistry.infrastructure.search.embedding;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The text a model is embedded from: its name (hyphens and underscores as spaces), description, group, tags, and the
 * top-level keys and scalar values of its versions' metadata (each pair once, at most {@value #MAX_PAIRS}), and the
 * headings and text of the model card of its latest version that has a stored MODEL_CARD artifact ({@link CardText},
 * read from the artifact store by the worker only when it embeds). The SHA-256 of the text and of the card's digest
 * tells whether a stored vector is still the model's, without reading the card.
 */
public record EmbeddingText(String text, String cardSha256, String sha256) {

    static final int MAX_PAIRS = 64;

    public static EmbeddingText of(
            String name,
            String group,
            String description,
            List<String> tags,
            List<String> metadataJson,
            String cardSha256) {
        StringBuilder s = new StringBuilder(name.replace('-', ' ').replace('_', ' '));
        if (description != null && !description.isBlank()) {
            s.append(". ").append(description.trim());
        }
        if (group != null && !group.isBlank()) {
            s.append(". Group: ").append(group);
        }
        if (tags != null && !tags.isEmpty()) {
            s.append(". Tags: ").append(String.join(", ", tags));
        }
        Set<String> pairs = new LinkedHashSet<>();
        for (String json : metadataJson == null ? List.<String>of() : metadataJson) {
            if (json == null || json.isBlank()) {
                continue;
            }
            JsonObject object = Json.createReader(new StringReader(json)).readObject();
            object.forEach((key, value) -> {
                String scalar = switch (value.getValueType()) {
                    case STRING -> ((JsonString) value).getString();
                    case NUMBER, TRUE, FALSE -> value.toString();
                    default -> null;
                };
                if (pairs.size() < MAX_PAIRS) {
                    pairs.add(scalar == null ? key : key + ": " + scalar);
                }
            });
        }
        if (!pairs.isEmpty()) {
            s.append(". ").append(String.join("; ", pairs));
        }
        String text = s.toString();
        return new EmbeddingText(text, cardSha256, sha256(cardSha256 == null ? text : text + "\ncard:" + cardSha256));
    }

    /** The text to embed: this text, then the model card's (already extracted; null or blank: none). */
    public String with(String card) {
        return card == null || card.isBlank() ? text : text + ". " + card;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
