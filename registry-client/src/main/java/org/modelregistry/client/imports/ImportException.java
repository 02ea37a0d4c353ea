package org.modelregistry.client.imports;

import org.modelregistry.client.RegistryClientException;

/**
 * An import that cannot start or go on: the source is unreachable, refuses the credentials, answers something that
 * is not its API's JSON, or the input on disk is not an importable repository. The message names the URL, file or
 * line; {@link #kind()} tells the tool which exit code it is.
 */
public final class ImportException extends RegistryClientException {

    private static final long serialVersionUID = 1L;

    /** Why the import stopped. */
    public enum Kind {
        /** No answer from the source, or it keeps failing (5xx). */
        UNREACHABLE,
        /** The source refused the credentials (401, 403). */
        REFUSED,
        /** The source has no such thing (404). */
        NOT_FOUND,
        /** The source answered, but not with its API's JSON. */
        MALFORMED,
        /** The input (a directory, a file, an option) cannot be imported as it is. */
        INVALID_INPUT
    }

    private final Kind kind;

    public ImportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ImportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
