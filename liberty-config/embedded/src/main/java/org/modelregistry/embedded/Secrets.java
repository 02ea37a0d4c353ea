package org.modelregistry.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).trim().equals(given)) {
                write(file, given);
            }
            return given;
        }
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
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

    private static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.getParent());
        // created with mode 600 before anything is written into it, so it is never readable by others
        if (!Files.exists(file)) {
            try {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                file.toFile().setReadable(false, false);
                file.toFile().setReadable(true, true);
            }
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: the owner-only flags above are all there is
        }
        Files.writeString(file, value, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
