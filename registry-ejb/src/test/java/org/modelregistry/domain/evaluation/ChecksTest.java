package org.modelregistry.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.modelregistry.domain.evaluation.CheckOutcome.Status;
import org.modelregistry.domain.policy.PolicyExpressionException;

class ChecksTest {

    @Test
    void metricThresholdsCompareNumbersHoweverTheyWereWritten() {
        MetricThreshold t = MetricThreshold.compile("metrics.accuracy >= 0.9 && metrics.f1 >= 0.85");
        assertThat(t.check(Map.of("accuracy", 0.93, "f1", 0.9)).status()).isEqualTo(Status.PASSED);
        assertThat(t.check(Map.of("accuracy", 0.93, "f1", 0.8)).status()).isEqualTo(Status.FAILED);
        assertThat(t.check(Map.of("accuracy", 1, "f1", 1L)).status())
                .as("integers are doubles")
                .isEqualTo(Status.PASSED);
        CheckOutcome missing = t.check(Map.of("accuracy", 0.95));
        assertThat(missing.status()).isEqualTo(Status.FAILED);
        assertThat(missing.message()).contains("f1");
        assertThat(missing.measured()).containsEntry("accuracy", 0.95);
    }

    @Test
    void aThresholdThatDoesNotCompileNamesItsPosition() {
        assertThatThrownBy(() -> MetricThreshold.compile("metrics.accuracy >="))
                .isInstanceOf(PolicyExpressionException.class);
        assertThatThrownBy(() -> MetricThreshold.compile("accuracy > 0.9"))
                .isInstanceOf(PolicyExpressionException.class)
                .hasMessageContaining("accuracy");
    }

    @Test
    void aModelCardNeedsEveryNamedSection() {
        String card = "# Fraud scorer\n## 1. Intended Use:\nScoring card payments.\n## Limitations\nNone known.\n"
                + "### Training data\n...\n## Evaluation data and metrics\n...\n";
        CheckOutcome partial = ModelCardCheck.check(card, ModelCardCheck.DEFAULT_SECTIONS);
        assertThat(partial.status()).isEqualTo(Status.FAILED);
        assertThat(partial.message()).contains("ethical considerations").doesNotContain("intended use");
        CheckOutcome full =
                ModelCardCheck.check(card + "## Ethical considerations\n...", ModelCardCheck.DEFAULT_SECTIONS);
        assertThat(full.status()).isEqualTo(Status.PASSED);
        assertThat(ModelCardCheck.check(null, ModelCardCheck.DEFAULT_SECTIONS).status())
                .isEqualTo(Status.FAILED);
    }

    @Test
    void licencesOnTheAllowListPassWithOrAndWithExpressions() {
        Set<String> allowed = Set.of("MIT", "Apache-2.0");
        Map<String, String> ok = new LinkedHashMap<>();
        ok.put("weights.bin", "MIT OR Apache-2.0");
        ok.put("code.tar", "Apache-2.0 WITH LLVM-exception");
        assertThat(LicenseCheck.check(ok, allowed).status()).isEqualTo(Status.PASSED);
        Map<String, String> bad = new LinkedHashMap<>(ok);
        bad.put("data.parquet", "(MIT AND GPL-3.0-only)");
        bad.put("card.md", null);
        CheckOutcome outcome = LicenseCheck.check(bad, allowed);
        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.message())
                .contains("data.parquet")
                .contains("card.md")
                .doesNotContain("weights.bin");
    }

    @Test
    void integrityRecomputesDigestAndSize() throws Exception {
        byte[] content = "weights".getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(IntegrityCheck.check(sha, content.length, new ByteArrayInputStream(content))
                        .status())
                .isEqualTo(Status.PASSED);
        CheckOutcome changed = IntegrityCheck.check(
                sha, content.length, new ByteArrayInputStream("weighTs".getBytes(StandardCharsets.UTF_8)));
        assertThat(changed.status()).isEqualTo(Status.FAILED);
        assertThat(changed.measured().get("sha256")).isNotEqualTo(sha);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        };
        assertThat(IntegrityCheck.check(sha, 7, broken).status()).isEqualTo(Status.ERROR);
    }
}
