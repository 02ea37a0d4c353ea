package org.modelregistry.infrastructure.search.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.util.Ec2Utils;
import java.net.SocketPermission;
import java.nio.file.Path;
import java.security.Permission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model loads from its jar and embeds with nothing leaving the machine: a security manager records every
 * connection and name look-up of the JVM (sockets, URL connections, NIO channels and DNS all ask it) and refuses
 * them, from before the model class loads until the end of the class.
 */
class EmbedderTest {

    private static final Logger LOG = Logger.getLogger(EmbedderTest.class.getName());
    private static final List<String> ATTEMPTS = Collections.synchronizedList(new ArrayList<>());
    private static Embedder embedder;
    private static SecurityManager previous;

    @BeforeAll
    @SuppressWarnings("removal") // Java 17 still runs a security manager: the one guard that sees every connection
    static void load() {
        previous = System.getSecurityManager();
        System.setSecurityManager(new NoNetwork());
        long started = System.nanoTime();
        embedder = Embedder.load("all-minilm-l6-v2", 1, Path.of("target", "embedding"));
        LOG.info(() -> String.format("all-minilm-l6-v2 loaded in %d ms", (System.nanoTime() - started) / 1_000_000));
    }

    @AfterAll
    @SuppressWarnings("removal")
    static void close() {
        embedder.close();
        System.setSecurityManager(previous);
    }

    @Test
    void embedsWithoutAnyConnectionOrNameLookUp() {
        float[] v = embedder.embed("gradient-boosted chargeback classifier for card payments");
        assertThat(v).hasSize(Embedder.DIMENSION);
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(Math.sqrt(norm)).isCloseTo(1.0, Offset.offset(1e-3));
        assertThat(ATTEMPTS).as("nothing may leave the machine").isEmpty();
        assertThat(embedder.model()).isEqualTo("all-minilm-l6-v2@1.19.0-beta29");
    }

    /**
     * The attack: DJL's own call home, made directly with the opt-out switched off, is caught by the guard (so the
     * guard would have seen it above), then the switches are put back.
     */
    @Test
    void theGuardCatchesDjlsCallHomeWhenTheOptOutIsRemoved() {
        System.clearProperty("OPT_OUT_TRACKING");
        System.clearProperty("ai.djl.offline");
        try {
            try {
                Ec2Utils.callHome("Huggingface");
            } catch (SecurityException e) {
                // refused by the guard: the point of the test
            }
            assertThat(ATTEMPTS).anyMatch(a -> a.contains("169.254.169.254"));
        } finally {
            Embedder.offline();
            ATTEMPTS.clear();
        }
    }

    @Test
    void anIntentIsCloserToItsMeaningThanToAnUnrelatedModel() {
        float[][] v = embedder.embed(List.of(
                "detect fraudulent card transactions",
                "fraud-scorer gradient-boosted chargeback classifier for card payments",
                "crop-yield regression of wheat harvests from satellite images"));
        double fraud = dot(v[0], v[1]);
        double crops = dot(v[0], v[2]);
        LOG.info(() -> String.format("cosine intent/fraud %.3f, intent/crops %.3f", fraud, crops));
        assertThat(fraud).isGreaterThan(crops + 0.1);
    }

    @Test
    void aBlankTextHasNoVectorAndALongOneIsNotRefused() {
        float[][] v = embedder.embed(List.of(" ", "fraud ".repeat(2_000)));
        assertThat(v[0]).isNull();
        assertThat(v[1]).hasSize(Embedder.DIMENSION);
        assertThatThrownBy(() -> Embedder.load("no-such-model", 1, Path.of("target", "embedding")))
                .hasMessageContaining("no-such-model");
    }

    /** The index compares vectors by dot product: that is their cosine only when each has length 1. */
    @Test
    void everyVectorHasUnitLengthAveragedPartsIncluded() {
        float[][] v = embedder.embed(List.of("fraud", "card payments ".repeat(600))); // the second is split in parts
        for (float[] vector : v) {
            double sum = 0;
            for (float x : vector) {
                sum += (double) x * x;
            }
            assertThat(Math.sqrt(sum)).isCloseTo(1.0, within(1e-5));
        }
        assertThat(Embedder.unit(new float[] {3, 4})).containsExactly(0.6f, 0.8f);
        assertThat(Embedder.unit(new float[] {0, 0})).containsExactly(0f, 0f);
    }

    @Test
    void aTextWithNothingVisibleHasNoVectorWhateverItsCharacters() {
        // what a fuzzer sent as q: malformed escapes (U+FFFD) and control characters, which Java's isBlank keeps
        // but the tokenizer drops, so the model refuses the text as blank
        float[][] v =
                embedder.embed(List.of("\ufffd\ufffd", "\u200b\u00a0\u2003\u0001", "\t\u001f", "?", "\ufffdfraud"));
        assertThat(v[0]).isNull();
        assertThat(v[1]).isNull();
        assertThat(v[2]).isNull();
        assertThat(v[3]).hasSize(Embedder.DIMENSION);
        assertThat(v[4]).hasSize(Embedder.DIMENSION);
        assertThat(embedder.embed("\u0000\u0000")).isNull();
    }

    /** Throughput: 256 model-sized texts in batches of 32 on one thread (the figure is in the test's log). */
    @Test
    void throughput() {
        List<String> texts = IntStream.range(0, 256)
                .mapToObj(i -> "model-" + i + " payments team scores card transactions for fraud risk " + i
                        + " gradient boosted trees framework=xgboost dataset=eu-" + i + " tags fraud cards")
                .toList();
        embedder.embed(texts.subList(0, 32)); // warm
        long started = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 32) {
            assertThat(embedder.embed(texts.subList(i, i + 32))).hasNumberOfRows(32);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(() ->
                String.format("embedded %d texts in %.2f s: %.0f texts/s (1 thread)", 256, seconds, 256 / seconds));
        assertThat(ATTEMPTS).isEmpty();
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @SuppressWarnings("removal")
    private static final class NoNetwork extends SecurityManager {
        @Override
        public void checkPermission(Permission perm) {
            if (perm instanceof SocketPermission && !perm.getActions().equals("listen")) {
                ATTEMPTS.add(perm.getName() + " " + perm.getActions());
                throw new SecurityException("no network in this test: " + perm);
            }
        }

        @Override
        public void checkPermission(Permission perm, Object context) {
            checkPermission(perm);
        }
    }
}
