package org.modelregistry.application.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.application.deployment.DeploymentExecutor;
import org.modelregistry.application.deployment.DeploymentSettings;
import org.modelregistry.infrastructure.config.ServerSettings;

/**
 * The outbox relay of jobs (docs/adr/0001): every 100 ms it marks the committed, unpublished evaluation runs
 * (QUEUED) and deployments (REQUESTED) published (its own transaction, rows locked with SKIP LOCKED so servers share
 * the work), then sends one persistent message per job outside any transaction, with Artemis' duplicate-detection
 * id {@code <job>/<attempt>}. A job whose message was lost (a crash between the two), or whose worker died (lease
 * expired: the next attempt has a new id), is published again after a while; workers' claims make any duplicate
 * harmless. Deployments dispatched to a target that never reports are failed after
 * {@code registry.deployments.report-timeout-minutes}.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class JobRelay {

    private static final Logger LOG = Logger.getLogger(JobRelay.class.getName());

    /** One outbox: a table whose rows in {@code waiting} state are published to {@code queue}. */
    public enum Outbox {
        EVALUATIONS("evaluation_run", "QUEUED", "RUNNING"),
        DEPLOYMENTS("deployment", "REQUESTED", "IN_PROGRESS");

        final String table;
        final String waiting;
        final String running;

        Outbox(String table, String waiting, String running) {
            this.table = table;
            this.waiting = waiting;
            this.running = running;
        }
    }

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Resource
    TimerService timers;

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    @Resource(lookup = "jms/evaluations")
    Queue evaluations;

    @Resource(lookup = "jms/deployments")
    Queue deployments;

    @Inject
    ServerSettings server;

    @EJB
    JobRelay self;

    @EJB
    DeploymentExecutor deploymentExecutor;

    @Inject
    DeploymentSettings deploymentSettings;

    private volatile long lastReap;

    private volatile boolean recovered;

    @Inject
    JobWake wakes;

    /** Publishes right after a commit that queued a job (see {@link JobWake}); runs after any publish in progress. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void wake() {
        wakes.taken();
        try {
            publish(Outbox.EVALUATIONS, evaluations);
            publish(Outbox.DEPLOYMENTS, deployments);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A wake-up publish failed; the poll publishes the jobs", e);
        }
    }

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(500, 100, new TimerConfig("job-relay", false));
    }

    /**
     * Jobs an earlier life of this server held (it crashed or was killed while working on them) go out again now,
     * rather than when their leases run out; a deployment whose target already accepted the call stays as it is.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int recover(Outbox outbox, String serverId, String currentOwner) {
        return em.createNativeQuery("UPDATE " + outbox.table + " SET state = '" + outbox.waiting + "', published_at ="
                        + " NULL, lease_until = NULL WHERE state = '" + outbox.running + "' AND lease_owner LIKE ? AND"
                        + " lease_owner <> ?" + (outbox == Outbox.DEPLOYMENTS ? " AND dispatched_at IS NULL" : ""))
                .setParameter(
                        1, serverId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%")
                .setParameter(2, currentOwner)
                .executeUpdate();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        try {
            if (!recovered) {
                for (Outbox outbox : Outbox.values()) {
                    int count = self.recover(outbox, server.serverId(), server.leaseOwner());
                    if (count > 0) {
                        LOG.info(() -> count + " " + outbox.table + " jobs held by this server before it stopped"
                                + " are queued again");
                    }
                }
                recovered = true;
            }
            long now = System.currentTimeMillis();
            if (now - lastReap >= 1000) {
                lastReap = now;
                self.reap(Outbox.EVALUATIONS);
                self.reap(Outbox.DEPLOYMENTS);
                for (String id : self.unreported(deploymentSettings.reportTimeoutMinutes())) {
                    deploymentExecutor.fail(
                            UUID.fromString(id),
                            "the target did not report within " + deploymentSettings.reportTimeoutMinutes()
                                    + " minutes",
                            "deployment-worker");
                }
            }
            publish(Outbox.EVALUATIONS, evaluations);
            publish(Outbox.DEPLOYMENTS, deployments);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Publishing jobs failed; they are published again later", e);
        }
    }

    private void publish(Outbox outbox, Queue queue) {
        List<String> ids = self.take(outbox, 100);
        if (ids.isEmpty()) {
            return;
        }
        int sent = 0;
        try (JMSContext context = connections.createContext()) {
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (String taken : ids) {
                // the broker drops a resend of the same job and attempt that it still remembers
                String[] idAndAttempt = taken.split("/");
                producer.setProperty("_AMQ_DUPL_ID", outbox.name() + "/" + taken)
                        .send(queue, idAndAttempt[0]);
                sent++;
            }
        } catch (RuntimeException e) {
            // the broker is away: what was not sent goes out again with the next publish, not after the reaper's 60 s
            self.unpublish(outbox, ids.subList(sent, ids.size()));
            throw e;
        }
    }

    /** Marks up to {@code max} committed, unpublished jobs published and returns them as {@code id/attempt}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> take(Outbox outbox, int max) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("UPDATE " + outbox.table + " SET published_at = now() WHERE id IN"
                        + " (SELECT id FROM " + outbox.table + " WHERE state = '" + outbox.waiting
                        + "' AND published_at IS"
                        + " NULL ORDER BY requested_at LIMIT " + max
                        + " FOR UPDATE SKIP LOCKED) RETURNING id::text || '/' ||"
                        + " attempt")
                .getResultList();
        return ids;
    }

    /** Jobs taken for publishing whose messages could not be sent: published again by the next round. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void unpublish(Outbox outbox, List<String> idsAndAttempts) {
        for (String taken : idsAndAttempts) {
            em.createNativeQuery("UPDATE " + outbox.table + " SET published_at = NULL WHERE id = CAST(? AS uuid) AND"
                            + " state = '" + outbox.waiting + "'")
                    .setParameter(1, taken.split("/")[0])
                    .executeUpdate();
        }
    }

    /** Jobs whose message went missing, or whose worker's lease ran out, go out again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reap(Outbox outbox) {
        em.createNativeQuery("UPDATE " + outbox.table + " SET published_at = NULL WHERE state = '" + outbox.waiting
                        + "' AND published_at < now() - interval '60 seconds'")
                .executeUpdate();
        em.createNativeQuery("UPDATE " + outbox.table + " SET state = '" + outbox.waiting + "', published_at = NULL"
                        + " WHERE state = '" + outbox.running + "' AND lease_until < now()"
                        + (outbox == Outbox.DEPLOYMENTS ? " AND dispatched_at IS NULL" : ""))
                .executeUpdate();
    }

    /** Dispatched deployments whose target has not reported for too long. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> unreported(int minutes) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("SELECT id::text FROM deployment WHERE state = 'IN_PROGRESS' AND"
                        + " dispatched_at < now() - make_interval(mins => ?) ORDER BY dispatched_at LIMIT 100")
                .setParameter(1, minutes)
                .getResultList();
        return ids;
    }
}
