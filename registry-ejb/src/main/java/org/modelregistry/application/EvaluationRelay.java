package org.modelregistry.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The outbox relay of evaluation runs (docs/adr/0001): every 100 ms it marks the committed, unpublished QUEUED runs
 * published (its own transaction, rows locked with SKIP LOCKED so servers share the work), then sends one persistent
 * message per run outside any transaction, with Artemis' duplicate-detection id {@code <run>/<attempt>}. A run
 * whose message was lost (a crash between the two), or whose worker died (lease expired: the next attempt has a new
 * id), is published again after a while; workers' claims make any duplicate harmless.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class EvaluationRelay {

    private static final Logger LOG = Logger.getLogger(EvaluationRelay.class.getName());

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Resource
    TimerService timers;

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    @Resource(lookup = "jms/evaluations")
    Queue evaluations;

    @EJB
    EvaluationRelay self;

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(500, 100, new TimerConfig("evaluation-relay", false));
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        try {
            self.reap();
            List<String> ids = self.take(100);
            if (ids.isEmpty()) {
                return;
            }
            try (JMSContext context = connections.createContext()) {
                JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                for (String taken : ids) {
                    // the broker drops a resend of the same run and attempt that it still remembers
                    String[] idAndAttempt = taken.split("/");
                    producer.setProperty("_AMQ_DUPL_ID", taken).send(evaluations, idAndAttempt[0]);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Publishing evaluation runs failed; they are published again later", e);
        }
    }

    /** Marks up to {@code max} committed, unpublished runs published and returns them as {@code id/attempt}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<String> take(int max) {
        @SuppressWarnings("unchecked")
        List<String> ids = em.createNativeQuery("UPDATE evaluation_run SET published_at = now() WHERE id IN (SELECT id"
                + " FROM evaluation_run WHERE state = 'QUEUED' AND published_at IS NULL ORDER BY requested_at LIMIT "
                + max + " FOR UPDATE SKIP LOCKED) RETURNING id::text || '/' || attempt").getResultList();
        return ids;
    }

    /** Runs whose message went missing, or whose worker's lease ran out, go out again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reap() {
        em.createNativeQuery("UPDATE evaluation_run SET published_at = NULL WHERE state = 'QUEUED' AND published_at <"
                + " now() - interval '60 seconds'").executeUpdate();
        em.createNativeQuery("UPDATE evaluation_run SET state = 'QUEUED', published_at = NULL WHERE state = 'RUNNING'"
                + " AND lease_until < now()").executeUpdate();
    }
}
