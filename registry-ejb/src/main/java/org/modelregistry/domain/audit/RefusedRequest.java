package org.modelregistry.domain.audit;

import java.util.UUID;

/**
 * What a refused request was aimed at, read from its path: the collection after {@code v1} (singular, as an object
 * type) and the first id in the path; {@code request} and the nil id when the path names neither.
 */
public record RefusedRequest(String objectType, UUID objectId) {

    public static final UUID NIL = new UUID(0, 0);

    public static RefusedRequest of(String path) {
        String[] segments = path.replaceFirst("^/+", "").split("/");
        String objectType = "request";
        UUID objectId = NIL;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("v1") && i + 1 < segments.length) {
                objectType = singular(segments[i + 1]).replace('-', '_');
            }
            UUID id = uuid(segments[i]);
            if (id != null) {
                objectId = id;
                break;
            }
        }
        return new RefusedRequest(objectType, objectId);
    }

    /** Whether the request named a model (whose organization the record then carries). */
    public boolean namesModel() {
        return objectType.equals("model") && !objectId.equals(NIL);
    }

    /** models -> model, policies -> policy, service-accounts -> service-account, audit -> audit. */
    static String singular(String collection) {
        if (collection.endsWith("ies")) {
            return collection.substring(0, collection.length() - 3) + "y";
        }
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }

    /** The segment as an id, if it is one (36 characters, parsed). */
    public static UUID uuid(String segment) {
        if (segment.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(segment);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
