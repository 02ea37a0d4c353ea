package org.modelregistry.application.shared;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.modelregistry.api.problem.BadRequestException;
import org.modelregistry.api.problem.InvalidInputException;

/**
 * Opaque keyset-pagination cursors: the sort key of the last item of a page, base64url-encoded with the kind of
 * listing it belongs to, so that a cursor from one listing is refused by another.
 */
public final class Cursor {

    private static final char SEP = '\u001f';

    private Cursor() {}

    public static String encode(String kind, String... keys) {
        String raw = kind + SEP + String.join(String.valueOf(SEP), keys);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @return the keys, or null when {@code cursor} is null */
    public static List<String> decode(String kind, String cursor, int keys) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(raw.split(String.valueOf(SEP), -1));
            if (parts.size() != keys + 1 || !parts.get(0).equals(kind)) {
                throw new IllegalArgumentException("wrong listing");
            }
            return parts.subList(1, parts.size());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(
                    "cursor", "cursor is not a cursor of this listing; pass nextCursor as returned");
        }
    }

    public static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor", "cursor is malformed");
        }
    }

    /** Validates a requested page size against the configured maximum. */
    public static int limit(Integer requested, int defaultLimit, int max) {
        if (requested == null) {
            return defaultLimit;
        }
        if (requested < 1 || requested > max) {
            throw new InvalidInputException("limit", "must be between 1 and " + max);
        }
        return requested;
    }
}
