package org.modelregistry.infrastructure.security;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Key files in the data directory: written once, readable by their owner only (mode 600). */
final class KeyFiles {

    private KeyFiles() {}

    /**
     * Writes the content to {@code file} unless it exists: through a temporary file that is owner-only before the
     * key is written into it, then moved into place. Another server sharing the directory may win the race: its key
     * is kept.
     */
    static void createOnce(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), "key-", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                temp.toFile().setReadable(false, false);
                temp.toFile().setReadable(true, true);
            }
            Files.write(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(temp, file);
            } catch (FileAlreadyExistsException raced) {
                Files.deleteIfExists(temp);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
