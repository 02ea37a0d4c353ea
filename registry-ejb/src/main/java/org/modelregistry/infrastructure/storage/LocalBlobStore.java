package org.modelregistry.infrastructure.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
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
        MessageDigest digest = StagedContent.newDigest();
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
    public InputStream open(String sha256, long offset, long length) throws IOException {
        Path path = pathOf(sha256);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString());
        }
        SeekableByteChannel channel = Files.newByteChannel(path, StandardOpenOption.READ);
        try {
            channel.position(Math.max(0, offset));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        InputStream in = Channels.newInputStream(channel);
        return length < 0 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public boolean exists(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public String describe() {
        return "local directory " + root;
    }

    @Override
    public void probe() throws IOException {
        if (!Files.isDirectory(staging) || !Files.isWritable(staging)) {
            throw new IOException("registry.storage.dir: " + staging + " is not a writable directory");
        }
    }

    private Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256 digest: " + sha256);
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private final class LocalStagedBlob extends StagedContent {
        private final Path temp;

        LocalStagedBlob(Path temp, String sha256, long size) {
            super(sha256, size);
            this.temp = temp;
        }

        @Override
        void publish() throws IOException {
            Path target = pathOf(sha256());
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                Files.deleteIfExists(temp); // identical content is already stored: deduplicated
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
        }

        @Override
        void discard() {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not delete staged upload " + temp, e);
            }
        }
    }
}
