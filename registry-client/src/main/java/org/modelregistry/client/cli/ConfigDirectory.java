package org.modelregistry.client.cli;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tool's configuration directory ({@code --config}, else {@code $XDG_CONFIG_HOME/model-registry}, else
 * {@code ~/.config/model-registry}) and the session kept there by {@code registry login}: the registry's URL, the
 * user, the token and its expiry, never a password or an API key. The directory is mode 700 and the file 600; a
 * looser mode found later (a copy, a umask, a backup restore) is tightened with a warning, since the token may
 * have been read, and a file another user owns is refused: whoever owns it could have put their own token there.
 */
final class ConfigDirectory {

    static final String SESSION_FILE = "session.json";

    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;

    ConfigDirectory(Path dir) {
        this.dir = dir;
    }

    /** Where the configuration lives for these options and this environment. */
    static ConfigDirectory locate(Path override, Map<String, String> env) {
        if (override != null) {
            return new ConfigDirectory(override);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return new ConfigDirectory(Path.of(xdg, "model-registry"));
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return new ConfigDirectory(Path.of(home, ".config", "model-registry"));
    }

    Path dir() {
        return dir;
    }

    Path sessionFile() {
        return dir.resolve(SESSION_FILE);
    }

    /** A saved sign-in. {@code expiresAt} may be null (unknown). */
    record Session(String url, String user, String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[url=" + url + ", user=" + user + ", token=***, expiresAt=" + expiresAt + "]";
        }
    }

    /** The saved session, if any; checks (and tightens, with a warning) the modes first. */
    Optional<Session> load(PrintWriter warnings) {
        Path file = sessionFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (posix()) {
                String me = System.getProperty("user.name");
                String owner = Files.getOwner(file).getName();
                if (me != null && !owner.equals(me)) {
                    throw new CliException(
                            ExitCodes.REFUSED,
                            file + " belongs to " + owner + ", not to " + me
                                    + ": not using a token someone else may have written (delete it and log in)");
                }
                tighten(dir, DIR_MODE, warnings, "directory");
                tighten(file, FILE_MODE, warnings, "token file");
            }
            JsonObject json;
            try (JsonReader reader = Json.createReader(new StringReader(Files.readString(file)))) {
                json = reader.readObject();
            }
            String expires = text(json, "expiresAt");
            return Optional.of(new Session(
                    text(json, "url"),
                    text(json, "user"),
                    text(json, "token"),
                    expires == null ? null : Instant.parse(expires)));
        } catch (IOException | JsonParsingException | ClassCastException | DateTimeParseException e) {
            throw new CliException(
                    ExitCodes.USAGE, file + " is unreadable (" + e.getMessage() + "): run 'registry logout'");
        }
    }

    private static void tighten(Path p, Set<PosixFilePermission> mode, PrintWriter warnings, String what)
            throws IOException {
        Set<PosixFilePermission> now = Files.getPosixFilePermissions(p);
        if (!mode.containsAll(now)) {
            Files.setPosixFilePermissions(p, mode);
            warnings.println("registry: warning: the " + what + " " + p + " was readable by others (mode "
                    + PosixFilePermissions.toString(now) + "); set to " + PosixFilePermissions.toString(mode)
                    + ". The token in it may have been read: run 'registry logout' and 'registry login'.");
            warnings.flush();
        }
    }

    /** Writes the session (directory 700, file 600 from the start: it never exists with a looser mode). */
    void save(Session session) throws IOException {
        if (posix()) {
            FileAttribute<Set<PosixFilePermission>> dirMode = PosixFilePermissions.asFileAttribute(DIR_MODE);
            Files.createDirectories(dir, dirMode);
            Files.setPosixFilePermissions(dir, DIR_MODE);
        } else {
            Files.createDirectories(dir);
        }
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("url", session.url())
                .add("user", session.user())
                .add("token", session.token());
        if (session.expiresAt() != null) {
            json.add("expiresAt", session.expiresAt().toString());
        }
        Path tmp = posix()
                ? Files.createTempFile(dir, ".session", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE))
                : Files.createTempFile(dir, ".session", ".tmp");
        try {
            Files.writeString(tmp, json.build().toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, sessionFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, sessionFile(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Removes the session; false when there was none. */
    boolean delete() throws IOException {
        return Files.deleteIfExists(sessionFile());
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String text(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }
}
