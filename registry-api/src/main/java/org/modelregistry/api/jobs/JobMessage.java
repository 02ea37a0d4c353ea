package org.modelregistry.api.jobs;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The message that carries one job to the broker: what kind of job ({@code type}, e.g. {@code evaluation}), the
 * shape of the message ({@code version}), the job's id and the attempt it belongs to. Its JSON form is
 * {@code {"type":"evaluation","version":1,"id":"<uuid>","attempt":1}}.
 *
 * <p>Servers before version 1 sent the bare id as the body, and the queue said what kind of job it was: such messages
 * may still wait in a broker's journal when the registry is upgraded, so {@link #read} takes them as version
 * {@link #UNVERSIONED} of the queue's type (attempt 0: unknown). A message of another type or of a newer version is
 * refused rather than guessed at: a newer server may read it.
 */
public record JobMessage(String type, int version, UUID id, int attempt) {

    /** The shape this server writes and the newest it reads. */
    public static final int VERSION = 1;

    /** The version given to a message in the old shape (the bare id). */
    public static final int UNVERSIONED = 0;

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9.-]{0,63}");

    public JobMessage {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("a job type is lower case letters, digits, '.' and '-': " + type);
        }
        if (version < UNVERSIONED || attempt < 0) {
            throw new IllegalArgumentException("version and attempt are not negative");
        }
    }

    /** A job as this server sends it. */
    public static JobMessage of(String type, UUID id, int attempt) {
        return new JobMessage(type, VERSION, id, attempt);
    }

    public String toJson() {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("version", version)
                .add("id", id.toString())
                .add("attempt", attempt)
                .build()
                .toString();
    }

    /**
     * Reads a message taken from the queue of {@code expectedType} jobs.
     *
     * @throws UnreadableJobException when the body is neither a job message nor an old-shape id, or when it is of
     *     another type or of a version newer than {@link #VERSION}
     */
    public static JobMessage read(String body, String expectedType) {
        if (body == null || body.isBlank()) {
            throw new UnreadableJobException("an empty message on the queue of " + expectedType + " jobs");
        }
        String text = body.strip();
        if (!text.startsWith("{")) {
            try {
                return new JobMessage(expectedType, UNVERSIONED, UUID.fromString(text), 0);
            } catch (IllegalArgumentException e) {
                throw new UnreadableJobException("neither JSON nor an id on the queue of " + expectedType + " jobs");
            }
        }
        JsonObject json;
        try (var reader = Json.createReader(new StringReader(text))) {
            json = reader.readObject();
        } catch (JsonException e) {
            throw new UnreadableJobException("not a JSON object on the queue of " + expectedType + " jobs");
        }
        String type = string(json, "type");
        if (!expectedType.equals(type)) {
            throw new UnreadableJobException(
                    "a message of type " + type + " on the queue of " + expectedType + " jobs");
        }
        int version = number(json, "version");
        if (version > VERSION) {
            throw new UnreadableJobException("a job message of type " + type + " and version " + version
                    + ", newer than " + VERSION + " that this server reads");
        }
        try {
            return new JobMessage(type, version, UUID.fromString(string(json, "id")), number(json, "attempt"));
        } catch (IllegalArgumentException e) {
            throw new UnreadableJobException("a job message of type " + type + " with an invalid id or attempt");
        }
    }

    private static String string(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (!(value instanceof JsonString s)) {
            throw new UnreadableJobException("a job message without a string " + field);
        }
        return s.getString();
    }

    private static int number(JsonObject json, String field) {
        JsonValue value = json.get(field);
        if (!(value instanceof JsonNumber n) || !n.isIntegral()) {
            throw new UnreadableJobException("a job message without an integer " + field);
        }
        try {
            return n.intValueExact();
        } catch (ArithmeticException e) {
            throw new UnreadableJobException("a job message whose " + field + " is out of range");
        }
    }
}
