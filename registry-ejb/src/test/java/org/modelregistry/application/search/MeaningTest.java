package org.modelregistry.application.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vector of a query is made from its words, not from its syntax, and never from the words it excludes. */
class MeaningTest {

    @Test
    void querySyntaxAndExcludedWordsCarryNoMeaning() {
        assertThat(SearchServiceBean.meaning("\"detects fraud\" -cards (gradi* | gamam~2) +fraud-scorer"))
                .isEqualTo("detects fraud gradi gamam fraud-scorer");
        assertThat(SearchServiceBean.meaning("detect fraudulent card transactions"))
                .isEqualTo("detect fraudulent card transactions");
    }
}
