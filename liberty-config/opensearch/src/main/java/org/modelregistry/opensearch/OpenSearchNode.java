package org.modelregistry.opensearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.index.mapper.MapperExtrasPlugin;
import org.opensearch.index.reindex.ReindexPlugin;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.node.NodeValidationException;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch node on 127.0.0.1, for the tests and the benchmark of the search on OpenSearch: {@code java -cp
 * <target/classes>:<target/opensearch-knn/*>:<target/opensearch-node.classpath>
 * org.modelregistry.opensearch.OpenSearchNode <home> <http port> <transport port>}. It holds its data under {@code
 * <home>/data}, runs until it is stopped (SIGTERM closes it), and with {@code -Dopensearch.node.watch-stdin=true} also
 * stops when its standard input closes, so that it never
 * outlives the test JVM that started it, even one killed outright.
 */
public final class OpenSearchNode extends Node {

    private static final Logger LOG = Logger.getLogger(OpenSearchNode.class.getName());
    private static final String KNN_PLUGIN = "org.opensearch.knn.plugin.KNNPlugin";

    private OpenSearchNode(Settings settings) {
        super(
                InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "registry-test"),
                plugins(),
                true);
    }

    /**
     * What a distribution loads from its modules/ folder, reduced to what the registry uses, and the k-NN plugin (the
     * knn_vector field and knn query of semantic search) unless {@code -Dopensearch.node.knn=false}: a cluster without
     * k-NN, for the test of the registry on one.
     */
    private static List<Class<? extends Plugin>> plugins() {
        List<Class<? extends Plugin>> plugins = new ArrayList<>(
                List.of(Netty4Plugin.class, CommonAnalysisPlugin.class, ReindexPlugin.class, MapperExtrasPlugin.class));
        if (!"false".equals(System.getProperty("opensearch.node.knn"))) {
            plugins.add(knnPlugin());
        }
        return plugins;
    }

    /**
     * The k-NN plugin's class, from the jars the build unpacked into {@code target/opensearch-knn} (on the class
     * path, not a compile dependency: Maven Central has the plugin as a zip only).
     */
    private static Class<? extends Plugin> knnPlugin() {
        try {
            return Class.forName(KNN_PLUGIN).asSubclass(Plugin.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    KNN_PLUGIN + " is not on the class path: add target/opensearch-knn/* (the build unpacks it)", e);
        }
    }

    public static void main(String[] args) throws IOException, NodeValidationException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: OpenSearchNode <home directory> <http port> <transport port>");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(home);
        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("cluster.name", "registry-test")
                .put("node.name", "registry-test")
                .put("network.host", "127.0.0.1")
                .put("http.port", args[1])
                .put("transport.port", args[2])
                .put("transport.type", "netty4")
                .put("http.type", "netty4")
                .put("discovery.type", "single-node")
                // a nearly full test disk must not turn the index read-only in the middle of a run
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
        Node node = new OpenSearchNode(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing the OpenSearch node failed", e);
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        LOG.info("OpenSearch node up: http://127.0.0.1:" + args[1]);
        if (Boolean.getBoolean("opensearch.node.watch-stdin")) {
            Thread watch = new Thread(OpenSearchNode::exitWhenStdinCloses, "stdin-watch");
            watch.setDaemon(true);
            watch.start();
        }
        stopped.await();
    }

    private static void exitWhenStdinCloses() {
        InputStream in = System.in;
        try {
            while (in.read() != -1) {
                // the parent writes nothing; end of stream means it is gone
            }
        } catch (IOException e) {
            // a broken pipe: the parent is gone too
        }
        System.exit(0);
    }
}
