package org.modelregistry.infrastructure.search.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardTextTest {

    private static String card(String markdown) throws IOException {
        return CardText.of(new ByteArrayInputStream(markdown.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void headingsAndTextWithoutMarkdownCodeOrTags() throws IOException {
        String text = card("# Model card\n\n## Intended use\nScores *disputed* payments, see [docs](https://x/y).\n"
                + "```python\nimport secrets\n```\n| a | b |\n|---|---|\n- <b>Limits</b>: none\n");
        assertThat(text).isEqualTo("Model card. Intended use. Scores disputed payments, see docs. a b. Limits : none");
    }

    @Test
    void binaryContentGivesNothingAndLongCardsAreCut() throws IOException {
        assertThat(CardText.of(new ByteArrayInputStream(new byte[] {'%', 'P', 'D', 'F', 0, (byte) 0xff})))
                .isEmpty();
        assertThat(card("word ".repeat(5_000))).hasSizeLessThanOrEqualTo(CardText.MAX_CHARS);
        // a multi-byte character cut by the read limit is dropped, not an error
        String cut = "é".repeat(CardText.MAX_BYTES); // 2 bytes each: the read stops inside the text
        assertThat(card(cut)).isNotEmpty();
    }

    @Test
    void theCardsDigestIsInTheHashNotItsText() {
        EmbeddingText without = EmbeddingText.of("m", "g", "d", List.of(), List.of(), null);
        EmbeddingText with = EmbeddingText.of("m", "g", "d", List.of(), List.of(), "ab".repeat(32));
        assertThat(with.text()).isEqualTo(without.text());
        assertThat(with.sha256()).isNotEqualTo(without.sha256());
        assertThat(with.with("Intended use")).isEqualTo(without.text() + ". Intended use");
    }
}
