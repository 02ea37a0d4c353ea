package org.modelregistry.client;

/** Told how far a transfer has come; the command-line tool draws its progress bar from it. */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> {};

    /**
     * @param done  bytes transferred so far (a resumed download starts at what it already had)
     * @param total the size, or -1 when unknown
     */
    void progress(long done, long total);
}
