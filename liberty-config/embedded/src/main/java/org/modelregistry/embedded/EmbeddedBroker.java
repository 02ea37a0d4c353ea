package org.modelregistry.embedded;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * The embedded ActiveMQ Artemis broker of the run command: a persistent NIO journal in the data directory
 * ({@code broker/}), one acceptor on 127.0.0.1 only, dead letters to {@code DLQ} after 5 deliveries with an
 * exponential redelivery delay. Security is off: the acceptor is reachable from this machine only, as the embedded
 * PostgreSQL is. Set REGISTRY_JMS_HOST (and REGISTRY_JMS_PORT) to use an external broker instead (docs/jobs.md).
 */
final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    private final EmbeddedActiveMQ server;
    private final int port;

    private EmbeddedBroker(EmbeddedActiveMQ server, int port) {
        this.server = server;
        this.port = port;
    }

    static EmbeddedBroker start(Path dir, int port) throws Exception {
        // every message is logged at INFO by the audit loggers: keep them for warnings
        Logger.getLogger("org.apache.activemq.audit").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.activemq.audit.base").setLevel(Level.WARNING);
        Logger.getLogger("org.apache.activemq.audit.message").setLevel(Level.WARNING);
        Configuration config = new ConfigurationImpl()
                .setName("registry")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(5)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setAutoCreateDeadLetterResources(true));
        // deployments that every delivery failed go to a queue of their own, where the registry fails them
        config.addAddressSetting("registry.deployments", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("registry.deployments.dead"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(5)
                .setRedeliveryDelay(1000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(30_000)
                .setAutoCreateDeadLetterResources(false));
        for (String queue : new String[] {"registry.evaluations", "registry.deployments", "registry.deployments.dead"}) {
            config.addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(config);
        server.start();
        LOG.info(() -> "Artemis broker on 127.0.0.1:" + port + ", journal in " + dir);
        return new EmbeddedBroker(server, port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
