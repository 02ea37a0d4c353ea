package org.modelregistry.infrastructure.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Blobs on local disk under {@code <root>/sha256/<2 hex>/<64 hex>}; uploads are staged in {@code <root>/staging}
 * on the same file system so that committing is an atomic rename. Committed files are read-only.
 */
public class LocalBlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(LocalBlobStore.class.getName());
    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");
    private static final int BUFFER = 64 * 1024;

    private final Path root;
    private final Path staging;

    public LocalBlobStore(Path root) {
        this.root = root;
        this.staging = root.resolve("staging");
        try {
            Files.createDirectories(staging);
            Files.createDirectories(root.resolve("sha256"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob store at " + root, e);
        }
    }

    @Override
    public StagedBlob stage(InputStream content, long maxBytes) throws IOException {
        Path temp = Files.createTempFile(staging, "upload-", ".part");
        MessageDigest digest = sha256();
        long size = 0;
        boolean ok = false;
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = content.read(buffer)) > 0; ) {
                size += n;
                if (size > maxBytes) {
                    throw new BlobTooLargeException(maxBytes);
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
        return new LocalStagedBlob(temp, HexFormat.of().formatHex(digest.digest()), size);
    }

    @Override
    public Path locate(String sha256) throws IOException {
        Path path = pathOf(sha256);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString());
        }
        return path;
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    private Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + sha256);
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class LocalStagedBlob implements StagedBlob {
        private final Path temp;
        private final String sha256;
        private final long size;
        private boolean committed;

        LocalStagedBlob(Path temp, String sha256, long size) {
            this.temp = temp;
            this.sha256 = sha256;
            this.size = size;
        }

        @Override
        public String sha256() {
            return sha256;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public void commit() throws IOException {
            Path target = pathOf(sha256);
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                committed = true; // identical content is already stored: deduplicated
                Files.deleteIfExists(temp);
                return;
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Files.deleteIfExists(temp); // a concurrent upload of the same content won
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            target.toFile().setReadOnly();
            committed = true;
        }

        @Override
        public void close() {
            if (!committed) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not delete staged upload " + temp, e);
                }
            }
        }
    }
}
