package org.modelregistry.domain.identity;

import java.util.List;
import java.util.UUID;

/** Secrets at rest, table by table: which rows need sealing again, and their sealed values written back. */
public interface SealedSecretRepository {

    /** Serializes resealing between servers sharing the database, until the transaction ends. */
    void lockForResealing();

    /**
     * The rows of {@code table} holding plain text or a value not sealed with {@code currentKeyId}, locked for
     * update.
     */
    List<SealedRow> stale(SecretTable table, String currentKeyId);

    /** Writes the row's sealed values (in the order of the table's columns) and marks it sealed. */
    void store(SecretTable table, UUID id, List<String> sealedValues);
}
