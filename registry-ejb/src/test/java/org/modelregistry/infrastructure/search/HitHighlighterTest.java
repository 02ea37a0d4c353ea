package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.junit.jupiter.api.Test;

class HitHighlighterTest {

    /** The catalog's analyzers in small: names split and lower-cased, descriptions also stemmed. */
    private static final Analyzer ANALYZER = new PerFieldAnalyzerWrapper(
            new StandardAnalyzer(),
            Map.of("description", new EnglishAnalyzer(), "metadataText", new EnglishAnalyzer()));

    private static HitHighlighter words(String text) {
        return HitHighlighter.of(ANALYZER, ANALYZER, text);
    }

    @Test
    void marksEachWordInTheNameWithTheFieldsOwnAnalysis() {
        assertThat(words("fraud scorer").fragments("name", "Fraud-Scorer v2"))
                .containsExactly("<em>Fraud</em>-<em>Scorer</em> v2");
    }

    @Test
    void descriptionsMatchByStemAndGiveTheMatchingSentencesOnlyInTextOrder() {
        String text = "Scores card payments. Nothing here. It detected frauds quickly. Also scoring loans. Other text.";

        assertThat(words("score fraud").fragments("description", text))
                .containsExactly(
                        "<em>Scores</em> card payments.",
                        "It detected <em>frauds</em> quickly.",
                        "Also <em>scoring</em> loans.");
    }

    @Test
    void atMostThreeFragmentsAField() {
        String text = "Fraud one. Fraud two. Fraud three. Fraud four. Fraud five.";

        assertThat(words("fraud").fragments("description", text)).hasSize(HitHighlighter.FRAGMENTS);
    }

    @Test
    void prefixesAndPhrasesOfTheQuerySyntaxAreMarked() {
        assertThat(words("fraud*").fragments("name", "fraudulent charges model"))
                .containsExactly("<em>fraudulent</em> charges model");
        assertThat(words("\"charges model\"").fragments("name", "fraudulent charges model"))
                .singleElement()
                .satisfies(f -> assertThat(f).contains("<em>charges").contains("model</em>"));
    }

    @Test
    void excludedWordsAreNotMarked() {
        assertThat(words("credit -fraud").fragments("name", "credit fraud model"))
                .containsExactly("<em>credit</em> fraud model");
    }

    @Test
    void nothingMatchesNothingIsMarked() {
        assertThat(words("churn").fragments("name", "fraud scorer")).isEmpty();
        assertThat(words("").fragments("name", "fraud scorer")).isEmpty();
        assertThat(words("   ").fragments("description", "anything")).isEmpty();
        assertThat(words("fraud").fragments("description", null)).isEmpty();
        assertThat(words("fraud").fragments("description", "")).isEmpty();
    }

    @Test
    void markupInTheTextIsLeftAsItIsForTheConsoleToEscape() {
        assertThat(words("fraud").fragments("name", "<b>fraud</b> & co")).containsExactly("<b><em>fraud</em></b> & co");
    }
}
