package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recent searches: most asked first, the deepest page kept, and the file read back, damaged entries skipped. */
class RecentSearchesTest {

    private static SearchSpec spec(String words, int depth) {
        return new SearchSpec(words, Map.of("type", "version"), List.of(), null, null, null, "relevance", depth);
    }

    @Test
    void mostAskedFirstThenMostRecentWithTheDeepestPageAndBackFromTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("recent-searches.json");
        RecentSearches recent = new RecentSearches(file, 3);
        recent.record(spec("alpha", 20));
        recent.record(spec("beta", 20));
        recent.record(spec("alpha", 60));
        recent.record(spec("gamma", 20));
        assertThat(recent.mostAskedFirst())
                .containsExactly(
                        new RecentSearches.Entry(spec("alpha", 60), 2),
                        new RecentSearches.Entry(spec("gamma", 20), 1),
                        new RecentSearches.Entry(spec("beta", 20), 1));
        recent.record(spec("delta", 20)); // at most 3: the least recently asked (beta) goes
        assertThat(recent.mostAskedFirst())
                .extracting(e -> e.spec().words())
                .containsExactly("alpha", "delta", "gamma");
        recent.save();

        RecentSearches again = new RecentSearches(file, 3);
        again.load();
        assertThat(again.mostAskedFirst()).isEqualTo(recent.mostAskedFirst());

        // one damaged entry does not lose the others; a damaged file loses nothing else
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(
                file, text.replaceFirst("\"sort\":\"relevance\"", "\"sort\":\"popularity\""), StandardCharsets.UTF_8);
        RecentSearches partly = new RecentSearches(file, 3);
        partly.load();
        assertThat(partly.mostAskedFirst()).hasSize(2);
        Files.writeString(file, "not json", StandardCharsets.UTF_8);
        RecentSearches none = new RecentSearches(file, 3);
        none.load();
        assertThat(none.mostAskedFirst()).isEmpty();
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("recent-searches.json");
    }
}
