package org.modelregistry.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.logging.Logger;
import org.modelregistry.infrastructure.search.embedding.Embedder;

/**
 * The embedding model alone, in this JVM (no server, no database, no index): texts a second of {@link Embedder#embed}
 * with 1 and with 2 threads of ONNX Runtime ({@code registry.search.semantic.threads}), in alternating rounds of the
 * same run so that the machine's noise falls on both. What the worker adds on a server (reading the texts, storing the
 * vectors, writing the documents) is the difference from its own rate, which it logs.
 *
 * <p>The texts are {@code bench.embedding.texts} (1,024) generated model texts of 15 to 90 words, as the worker embeds
 * them (name, group, description, tags and metadata), handed over 32 at a time as the worker does. {@code
 * bench.embedding.rounds} (3) rounds of each; {@code bench.embedding.model} names the model ({@code all-minilm-l6-v2},
 * or its quantized twin {@code all-minilm-l6-v2-q}); {@code bench.embedding.compare} names a second model measured in
 * the same rounds, reported as a ratio to the first with the cosine between the two models' vectors of each text.
 *
 * <p>{@code ./mvnw -Pbenchmark package -DskipTests -Dbench.main=org.modelregistry.bench.EmbeddingBenchmark}; the
 * figures are in docs/performance.md#semantic-search.
 */
public final class EmbeddingBenchmark {

    private static final Logger LOG = Logger.getLogger(EmbeddingBenchmark.class.getName());
    private static final int WORKER_BATCH = 32;

    private static final String[] WORDS = ("fraud card payments chargeback classifier gradient boosted trees churn"
                    + " subscription customers forecast demand retail quarter tumour chest x-ray images segmentation"
                    + " translation support tickets german english anomaly network traffic recommender articles"
                    + " readers credit default borrower risk invoices ocr scanned sentiment reviews pump failure"
                    + " vibration sensors speech transcription call centre pytorch tensorflow xgboost onnx tabular"
                    + " summarisation contracts legal transformer fine-tuned baseline production shadow canary"
                    + " accuracy precision recall latency drift monitoring dataset features owner team europe")
            .split(" ");

    private EmbeddingBenchmark() {}

    public static void main(String[] args) {
        int count = Integer.getInteger("bench.embedding.texts", 1024);
        int rounds = Integer.getInteger("bench.embedding.rounds", 3);
        List<String> texts = texts(count, new Random(18));
        String name = System.getProperty("bench.embedding.model", "all-minilm-l6-v2");
        String other = System.getProperty("bench.embedding.compare", "");
        Path work = Path.of(System.getProperty("java.io.tmpdir"), "registry-embedding-bench");
        List<String> names = other.isBlank() ? List.of(name) : List.of(name, other);
        List<Embedder> embedders = new ArrayList<>();
        try {
            for (String n : names) {
                embedders.add(Embedder.load(n, 1, work));
                embedders.add(Embedder.load(n, 2, work));
            }
            for (Embedder e : embedders) {
                e.embed(texts.subList(0, 64)); // warm: the JIT, ONNX Runtime's arenas
            }
            double[] rates = new double[embedders.size()];
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < embedders.size(); i++) {
                    rates[i] += rate(texts, embedders.get(i)) / rounds;
                }
            }
            for (int m = 0; m < names.size(); m++) {
                LOG.info(String.format(
                        Locale.ROOT,
                        "Embedding (%d texts of 15-90 words, %d rounds each, %s): 1 thread %.0f texts/s,"
                                + " 2 threads %.0f texts/s: %.2f x",
                        count,
                        rounds,
                        names.get(m),
                        rates[2 * m],
                        rates[2 * m + 1],
                        rates[2 * m + 1] / rates[2 * m]));
            }
            if (names.size() == 2) {
                // the same texts through both: how far the other model's vectors are from the baseline's
                float[][] base = embedders.get(0).embed(texts.subList(0, 256));
                float[][] compared = embedders.get(2).embed(texts.subList(0, 256));
                double sum = 0;
                double min = 1;
                for (int i = 0; i < base.length; i++) {
                    double c = cosine(base[i], compared[i]);
                    sum += c;
                    min = Math.min(min, c);
                }
                LOG.info(String.format(
                        Locale.ROOT,
                        "%s against %s, same run: 1 thread %.2f x, 2 threads %.2f x; cosine of the two vectors of"
                                + " a text: mean %.4f, min %.4f (256 texts)",
                        other,
                        name,
                        rates[2] / rates[0],
                        rates[3] / rates[1],
                        sum / base.length,
                        min));
            }
        } finally {
            embedders.forEach(Embedder::close);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /** Texts a second of one pass over the texts, handed over as the worker does. */
    private static double rate(List<String> texts, Embedder embedder) {
        long started = System.nanoTime();
        for (int i = 0; i < texts.size(); i += WORKER_BATCH) {
            float[][] vectors = embedder.embed(texts.subList(i, Math.min(texts.size(), i + WORKER_BATCH)));
            if (vectors.length == 0 || vectors[0] == null) {
                throw new IllegalStateException("no vector for " + texts.get(i));
            }
        }
        return texts.size() / ((System.nanoTime() - started) / 1e9);
    }

    private static List<String> texts(int count, Random random) {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder("model-" + i + " team-" + random.nextInt(40) + " ");
            int words = 15 + random.nextInt(76);
            for (int w = 0; w < words; w++) {
                b.append(WORDS[random.nextInt(WORDS.length)]).append(w % 9 == 8 ? ". " : " ");
            }
            b.append("framework=").append(WORDS[random.nextInt(WORDS.length)]);
            texts.add(b.toString());
        }
        return texts;
    }
}
