package org.modelregistry.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpdxLicenseTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "MIT|MIT",
                "apache-2.0|Apache-2.0",
                "Apache-2.0 OR MIT|Apache-2.0 OR MIT",
                "gpl-2.0-or-later WITH classpath-exception-2.0|GPL-2.0-or-later WITH Classpath-exception-2.0",
                "(MIT AND BSD-3-Clause) OR Apache-2.0|(MIT AND BSD-3-Clause) OR Apache-2.0",
                "LGPL-2.1+|LGPL-2.1+",
                "LicenseRef-llama3-community|LicenseRef-llama3-community",
                "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2|DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
                "CC-BY-4.0|CC-BY-4.0"
            })
    void acceptsListedIdsAndExpressionsInCanonicalCase(String input, String canonical) {
        assertThat(SpdxLicense.canonical(input)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Apache-2",
                "MIT OR",
                "OR MIT",
                "(MIT",
                "MIT)",
                "MIT or Apache-2.0",
                "MIT WITH MIT",
                "MIT AND AND MIT",
                "GPL-2.0-only WITH",
                "MIT; rm -rf /",
                "Proprietary",
                "LicenseRef-",
                ""
            })
    void refusesWhatIsNotAValidExpression(String input) {
        assertThatThrownBy(() -> SpdxLicense.canonical(input)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void saysHowToNameAnUnlistedLicence() {
        assertThatThrownBy(() -> SpdxLicense.canonical("OpenRAIL-M")).hasMessageContaining("LicenseRef-");
    }

    @Test
    void knowsTheListedLicences() {
        assertThat(SpdxLicense.isListed("Apache-2.0")).isTrue();
        assertThat(SpdxLicense.isListed("mit")).isTrue();
        assertThat(SpdxLicense.isListed("Classpath-exception-2.0")).isFalse(); // an exception, not a licence
    }
}
