package org.modelregistry.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.logging.Logger;

/**
 * The generated passwords of the embedded services, one file each in {@code <data dir>/keys/} readable by its owner
 * only (mode 600): created on first use, read on later starts, replaced when a setting gives another value (so the
 * files always hold what the services were configured with).
 */
final class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    Secrets(Path directory) {
        this.directory = directory;
    }

    /**
     * @param given a value from the environment or a system property (null: the stored one, or a new one)
     */
    String get(String name, String given) throws IOException {
        Path file = directory.resolve(name);
        if (given != null && !given.isBlank()) {
            if (!Files.exists(file)
                    || !Files.readString(file, StandardCharsets.UTF_8).trim().equals(given)) {
                write(file, given);
            }
            return given;
        }
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (stored.isEmpty()) {
                throw new IOException(file + " is empty: restore it from a backup, or set the password it held");
            }
            return stored;
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        write(file, generated);
        LOG.info(() -> "Generated " + name + " into " + file);
        return generated;
    }

    /** Whether a secret is stored (without creating it). */
    boolean exists(String name) {
        return Files.exists(directory.resolve(name));
    }

    /**
     * Writes the file whole or not at all: a temporary file (mode 600 from its creation) moved over the old one, so a
     * crash or a full disk never leaves an empty password behind a database that already asks for it.
     */
    private static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary;
        try {
            temporary = Files.createTempFile(
                    file.getParent(),
                    file.getFileName().toString(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            temporary =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            temporary.toFile().setReadable(false, false);
            temporary.toFile().setReadable(true, true);
        }
        try {
            Files.writeString(temporary, value, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
