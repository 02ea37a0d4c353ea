package org.modelregistry.domain.audit;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * One record as a month's archive file holds it: every column, chain fields included, so that the archive can be
 * verified on its own. The file's digest is signed in the manifest, so the line must stay as it is.
 *
 * @param seq null for a record not yet linked (chain version 2) or never chained
 */
public record ArchivedRecord(
        String id,
        Instant occurredAt,
        String actor,
        String action,
        String objectType,
        String objectId,
        String organizationId,
        String requestId,
        String details,
        Long seq,
        String prevHash,
        String hash,
        String clientAddress,
        String outcome,
        int chainVersion) {

    /** Whether the chainer still has to link it (a record of chain version 2 gets its seq after its commit). */
    public boolean awaitingLink() {
        return seq == null && chainVersion == 2;
    }

    /** The record as one line of JSON, fields in the archive format's order. */
    public String jsonLine() {
        JsonObjectBuilder b = Json.createObjectBuilder()
                .add("id", id)
                .add("occurredAt", occurredAt.toString())
                .add("actor", actor)
                .add("action", action)
                .add("objectType", objectType)
                .add("objectId", objectId)
                .add("details", details)
                .add("outcome", outcome)
                .add("chainVersion", chainVersion);
        addIfSet(b, "organizationId", organizationId);
        addIfSet(b, "requestId", requestId);
        addIfSet(b, "prevHash", prevHash);
        addIfSet(b, "hash", hash);
        addIfSet(b, "clientAddress", clientAddress);
        if (seq != null) {
            b.add("seq", seq);
        }
        return b.build().toString();
    }

    private static void addIfSet(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
