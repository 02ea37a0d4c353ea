package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexStateTest {

    private static final SearchBackend LUCENE =
            new SearchBackend("lucene", " ", "http", Optional.empty(), Optional.empty(), Optional.empty(), 500);

    @TempDir
    Path directory;

    @Test
    void aLocalIndexKeepsFormatPositionAndGenerationInStateProperties() throws IOException {
        IndexState state = new IndexState(null, LUCENE, directory);
        state.position(1234);
        state.generation(7);
        state.save();

        Properties p = new Properties();
        try (var in = Files.newBufferedReader(directory.resolve("state.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        assertThat(p)
                .containsEntry("format", Integer.toString(IndexState.FORMAT))
                .containsEntry("position", "1234")
                .containsEntry("generation", "7");

        IndexState restarted = new IndexState(null, LUCENE, directory); // no database needed for a current index
        assertThat(restarted.load()).isTrue();
        assertThat(restarted.position()).isEqualTo(1234);
        assertThat(restarted.generation()).isEqualTo(7);
    }
}
