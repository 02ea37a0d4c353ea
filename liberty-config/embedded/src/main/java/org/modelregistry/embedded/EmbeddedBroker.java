package org.modelregistry.embedded;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * The embedded ActiveMQ Artemis broker of the run command: a persistent NIO journal in the data directory
 * ({@code broker/}), one acceptor on 127.0.0.1 only, dead letters to {@code DLQ} after 5 deliveries with an
 * exponential redelivery delay. Security is on: one user ({@value #USER}, its password generated into
 * {@code <data dir>/keys/broker-password}) may do everything, and a connection without its credentials is refused
 * (any process on the machine could otherwise send jobs or read the events). Set REGISTRY_JMS_HOST (and
 * REGISTRY_JMS_PORT) to use an external broker instead (docs/jobs.md).
 */
final class EmbeddedBroker implements AutoCloseable, Supervisor.Service {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
    /** Held here: java.util.logging keeps loggers weakly, and a collected logger forgets its level. */
    private static final List<Logger> QUIET = Stream.of(
                    "org.apache.activemq.audit",
                    "org.apache.activemq.audit.base",
                    "org.apache.activemq.audit.message",
                    "org.apache.activemq.audit.resource")
            .map(Logger::getLogger)
            .toList();

    static final String USER = "registry";
    static final String SECRET = "broker-password";
    private static final String ROLE = "registry";

    private final Path dir;
    private final int port;
    private final String password;
    private final boolean auditLog;
    private volatile EmbeddedActiveMQ server;

    /**
     * @param auditLog true to keep Artemis' audit log (a line per session, message and resource change, at INFO)
     */
    EmbeddedBroker(Path dir, int port, String password, boolean auditLog) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.auditLog = auditLog;
    }

    /** A broker started on {@code dir}, without the audit log. */
    static EmbeddedBroker start(Path dir, int port, String password) throws Exception {
        EmbeddedBroker broker = new EmbeddedBroker(dir, port, password, false);
        broker.start();
        return broker;
    }

    /** Starts a broker on the journal in the directory (what an earlier one left there is delivered). */
    @Override
    public void start() throws Exception {
        // every session and message is logged at INFO by the audit loggers: kept for warnings unless asked for
        QUIET.forEach(logger -> logger.setLevel(auditLog ? Level.INFO : Level.WARNING));
        Configuration config = new ConfigurationImpl()
                .setName("registry")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setSecurityEnabled(true)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        config.addAddressSetting(
                "#",
                new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("DLQ"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                        .setMaxDeliveryAttempts(5)
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60_000)
                        .setAutoCreateDeadLetterResources(true));
        // deployments that every delivery failed go to a queue of their own, where the registry fails them
        config.addAddressSetting(
                "registry.deployments",
                new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of("registry.deployments.dead"))
                        .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                        .setMaxDeliveryAttempts(5)
                        .setRedeliveryDelay(1000)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(30_000)
                        .setAutoCreateDeadLetterResources(false));
        for (String queue :
                new String[] {"registry.evaluations", "registry.deployments", "registry.deployments.dead"}) {
            config.addQueueConfiguration(QueueConfiguration.of(queue)
                    .setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        // send, consume, create/delete durable and non-durable queues, manage, browse, create/delete addresses,
        // view, edit: the registry's own user does everything; nobody else is known
        config.putSecurityRoles(
                "#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true, true, true)));
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(USER, password);
        users.addRole(USER, ROLE);
        EmbeddedActiveMQ started = new EmbeddedActiveMQ();
        started.setConfiguration(config);
        started.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
        started.start();
        server = started;
        LOG.info(() -> "Artemis broker on 127.0.0.1:" + port + " (sign-in required), journal in " + dir
                + (auditLog ? ", audit log on" : ""));
    }

    int port() {
        return port;
    }

    /** False once the broker stopped: asked to, through its management API, or on a critical I/O error. */
    @Override
    public boolean running() {
        EmbeddedActiveMQ s = server;
        return s != null && s.getActiveMQServer().isStarted();
    }

    @Override
    public String exit() {
        EmbeddedActiveMQ s = server;
        return s == null ? "never started" : "state " + s.getActiveMQServer().getState();
    }

    @Override
    public void stop() throws Exception {
        EmbeddedActiveMQ s = server;
        if (s != null) {
            s.stop();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
