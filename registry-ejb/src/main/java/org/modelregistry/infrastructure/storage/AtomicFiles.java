package org.modelregistry.infrastructure.storage;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Small files written whole or not at all: readers see the old content or the new one, never half of it. */
public final class AtomicFiles {

    private AtomicFiles() {}

    /**
     * Writes the text to a temporary file beside {@code file} (its directory is created if missing), then renames it
     * over {@code file}; the temporary file is removed if anything fails.
     */
    public static void write(Path file, String text, Charset charset) throws IOException {
        Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = Files.createTempFile(dir, file.getFileName().toString() + "-", ".tmp");
        try {
            Files.writeString(temp, text, charset);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
