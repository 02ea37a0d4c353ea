package org.modelregistry.interfaces.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchPageTest {

    @Test
    void highlightsKeepTheirMarksAndNothingElse() {
        assertThat(SearchPage.safeHighlight("scores <em>chargeback</em> <script>alert(1)</script> & \"x\""))
                .isEqualTo("scores <em>chargeback</em> &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;");
        assertThat(SearchPage.safeHighlight("<img src=x onerror=alert(1)>")).doesNotContain("<img");
        assertThat(SearchPage.safeHighlight(null)).isEmpty();
    }

    @Test
    void searchAddressesCarryTheFiltersEncoded() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("tag", "a&b");
        filters.put("riskTier", "HIGH");
        assertThat(SearchPage.url("fraud model", filters, "c1"))
                .isEqualTo("search.xhtml?q=fraud+model&tag=a%26b&riskTier=HIGH&cursor=c1");
    }
}
