package org.modelregistry.domain.audit;

import jakarta.json.JsonObject;

/** What a month's partition holds when it is about to be dropped: its first and last seq and its number of records. */
public record PartitionContent(Long firstSeq, Long lastSeq, long records) {

    /**
     * Whether the partition still holds what its signed manifest describes (the number of records and the first and
     * last seq): a record added to or removed from the month after it was archived would otherwise be dropped
     * unarchived, or vanish with the partition, under a signed drop statement.
     */
    public boolean asArchived(JsonObject manifest) {
        return records == manifest.getJsonNumber("records").longValue()
                && (!manifest.containsKey("firstSeq")
                        || firstSeq != null
                                && firstSeq
                                        == manifest.getJsonNumber("firstSeq").longValue()
                                && lastSeq == manifest.getJsonNumber("lastSeq").longValue());
    }
}
