package org.modelregistry.infrastructure.storage;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What every staged upload shares: its digest and size, and the rule that content not committed is discarded on
 * close. A store says how to publish it under its digest and how to throw it away.
 */
abstract class StagedContent implements BlobStore.StagedBlob {

    private final String sha256;
    private final long size;
    private boolean committed;

    StagedContent(String sha256, long size) {
        this.sha256 = sha256;
        this.size = size;
    }

    /** A new SHA-256 digest, to hash content on its way into staging. */
    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public final String sha256() {
        return sha256;
    }

    @Override
    public final long size() {
        return size;
    }

    @Override
    public final void commit() throws IOException {
        publish();
        committed = true;
        afterCommit();
    }

    @Override
    public final void close() {
        if (!committed) {
            discard();
        }
    }

    /** Makes the content readable under its digest; identical content already stored is kept as it is. */
    abstract void publish() throws IOException;

    /** Cleans up staging once the content is published (nothing by default). */
    void afterCommit() {}

    /** Removes the staged content; failures are logged, not thrown. */
    abstract void discard();
}
