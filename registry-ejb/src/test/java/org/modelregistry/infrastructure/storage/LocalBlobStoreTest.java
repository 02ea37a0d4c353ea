package org.modelregistry.infrastructure.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {

    // sha256("hello")
    private static final String HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path root;

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stagesHashesAndCommitsUnderTheDigest() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        try (BlobStore.StagedBlob staged = store.stage(bytes("hello"), 100)) {
            assertThat(staged.sha256()).isEqualTo(HELLO);
            assertThat(staged.size()).isEqualTo(5);
            assertThat(store.exists(HELLO)).isFalse();
            staged.commit();
        }
        assertThat(store.exists(HELLO)).isTrue();
        try (InputStream in = store.open(HELLO)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        assertThat(Files.readString(root.resolve("sha256/2c/" + HELLO))).isEqualTo("hello");
        assertThat(staging()).isEmpty();
    }

    @Test
    void discardsWhatIsNotCommitted() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        try (BlobStore.StagedBlob staged = store.stage(bytes("hello"), 100)) {
            assertThat(staged.sha256()).isEqualTo(HELLO);
        }
        assertThat(store.exists(HELLO)).isFalse();
        assertThat(staging()).isEmpty();
    }

    @Test
    void stopsReadingPastTheLimitAndKeepsNothing() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        assertThatThrownBy(() -> store.stage(bytes("hello world"), 5)).isInstanceOf(BlobTooLargeException.class);
        assertThat(staging()).isEmpty();
    }

    @Test
    void identicalContentIsStoredOnce() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        for (int i = 0; i < 2; i++) {
            try (BlobStore.StagedBlob staged = store.stage(bytes("hello"), 100)) {
                staged.commit();
            }
        }
        try (Stream<Path> files = Files.walk(root.resolve("sha256"))) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void readsAByteRangeOrEverythingFromAnOffset() throws Exception {
        LocalBlobStore store = new LocalBlobStore(root);
        try (BlobStore.StagedBlob staged = store.stage(bytes("hello"), 100)) {
            staged.commit();
        }
        try (InputStream in = store.open(HELLO, 1, 3)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("ell");
        }
        try (InputStream in = store.open(HELLO, 3, -1)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("lo");
        }
        assertThatThrownBy(() -> store.open("0".repeat(64))).isInstanceOf(NoSuchFileException.class);
        store.probe();
        assertThat(store.describe()).isEqualTo("local directory " + root);
    }

    @Test
    void refusesSomethingThatIsNotADigest() {
        LocalBlobStore store = new LocalBlobStore(root);
        assertThatThrownBy(() -> store.open("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    private Stream<Path> staging() throws Exception {
        return Files.list(root.resolve("staging")).toList().stream();
    }
}
