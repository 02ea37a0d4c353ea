package org.modelregistry.client.cli;

import org.modelregistry.client.DigestMismatchException;
import org.modelregistry.client.ProblemException;
import org.modelregistry.client.TransportException;
import org.modelregistry.client.imports.ImportException;

/** The exit codes of the {@code registry} tool (docs/cli.md): scripts branch on them. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Bad command line or bad input (an unknown option, a missing file, a field the server refused: 400, 422). */
    public static final int USAGE = 1;
    /** No such model, version, artifact or alias (404), or none the caller may see. */
    public static final int NOT_FOUND = 2;
    /** Not signed in, token expired, or not allowed (401, 403: role, organization, four eyes). */
    public static final int REFUSED = 3;
    /** The object's state forbids it now: a name taken, a transition not allowed, a quota (409, 412, 507). */
    public static final int CONFLICT = 4;
    /** The registry cannot be reached or fails (connection, 429 and 5xx after retries). */
    public static final int UNAVAILABLE = 5;
    /** An integrity check failed: a digest mismatch, a bad signature, a broken audit chain. */
    public static final int INTEGRITY = 6;

    private ExitCodes() {}

    /** The exit code of an exception a command let through. */
    static int of(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof ImportException i) {
            return switch (i.kind()) {
                case UNREACHABLE -> UNAVAILABLE;
                case REFUSED -> REFUSED;
                case NOT_FOUND -> NOT_FOUND;
                case MALFORMED, INVALID_INPUT -> USAGE;
            };
        }
        if (e instanceof DigestMismatchException) {
            return INTEGRITY;
        }
        if (e instanceof ProblemException p
                && p.type() != null
                && (p.type().endsWith("digest-mismatch") || p.type().endsWith("size-mismatch"))) {
            return INTEGRITY; // the registry refused content that is not what its declared digest says
        }
        if (e instanceof ProblemException.InvalidInput) {
            return USAGE;
        }
        if (e instanceof ProblemException.NotFound) {
            return NOT_FOUND;
        }
        if (e instanceof ProblemException.Unauthorized || e instanceof ProblemException.Forbidden) {
            return REFUSED;
        }
        if (e instanceof ProblemException.Conflict) {
            return CONFLICT;
        }
        if (e instanceof ProblemException p) {
            return p.status() == 429 || p.status() >= 500 ? UNAVAILABLE : USAGE;
        }
        if (e instanceof TransportException) {
            return UNAVAILABLE;
        }
        return UNAVAILABLE;
    }
}
