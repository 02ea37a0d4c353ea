package org.modelregistry.interfaces.rest;

import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.InvalidInputException;
import org.modelregistry.api.problem.NotFoundException;
import org.modelregistry.api.problem.PreconditionFailedException;

/** HTTP details shared by the resources: ETags from revisions, If-Match parsing, path ids. */
public final class Http {

    public static final String MERGE_PATCH = "application/merge-patch+json";
    private static final Pattern REVISION_TAG = Pattern.compile("^(?:W/)?\"(\\d{1,18})\"$");

    private Http() {}

    public static EntityTag etag(long revision) {
        return new EntityTag(Long.toString(revision));
    }

    /** 200 with the entity and its ETag, or 304 when the request's If-None-Match names that revision. */
    public static Response tagged(Request request, Object entity, long revision) {
        EntityTag etag = etag(revision);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            Response answer = notModified.tag(etag).build();
            if (answer.getStatus() == 412) { // an If-Match that does not match: a problem document, not a bare 412
                throw new PreconditionFailedException(revision);
            }
            return answer;
        }
        return Response.ok(entity).tag(etag).build();
    }

    /**
     * @return the revision an {@code If-Match} names, or null when there is none or it is {@code *}
     * @throws PreconditionFailedException when it names something that is not one of our ETags (it cannot match)
     */
    public static OffsetDateTime time(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, name + " must be an RFC 3339 time");
        }
    }

    public static Long ifMatch(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        Matcher m = REVISION_TAG.matcher(header.trim());
        if (!m.matches()) {
            throw new PreconditionFailedException("If-Match does not name a current ETag of this resource");
        }
        return Long.parseLong(m.group(1));
    }

    /** A path segment that must be a UUID: anything else cannot name an object, so 404. */
    public static UUID id(String segment, String what) {
        try {
            return UUID.fromString(segment);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what, segment);
        }
    }

    public static <E extends Enum<E>> E enumParam(String name, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static Integer limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit", "limit must be an integer");
        }
    }

    /** The request body as a JSON object, or 400 naming {@code body}. */
    public static JsonObject requireBody(JsonStructure body) {
        if (!(body instanceof JsonObject object)) {
            throw new BadRequestException("body", "a JSON object body is required");
        }
        return object;
    }
}
