package org.modelregistry.application.audit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.domain.audit.AuditRepository;
import org.modelregistry.infrastructure.persistence.ClusterRole;
import org.modelregistry.infrastructure.persistence.CommitSignals;

/**
 * Links committed audit records into the hash chain after their transactions (db/V9): on the server holding
 * {@link ClusterRole#AUDIT_CHAIN}, as soon as records are committed anywhere in the cluster (the commit signal
 * {@link CommitSignals.Channel#AUDIT}) and every {@code registry.audit.chain-interval-ms} (default 10000) in case a
 * signal was lost; and on any server on demand before verification, checkpoints and evidence exports, so those always
 * see every committed record chained. The chain head's row lock lets one link at a time whoever runs it.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "CommitSignals"})
@Lock(LockType.READ)
public class AuditChainer {

    private static final Logger LOG = Logger.getLogger(AuditChainer.class.getName());
    private static final int BATCH = 20_000;

    @Inject
    AuditRepository log;

    @Resource
    TimerService timers;

    @Resource
    SessionContext context;

    @Inject
    AuditSettings settings;

    @EJB
    CommitSignals signals;

    @PostConstruct
    void schedule() {
        long intervalMillis = settings.chainIntervalMillis();
        timers.createIntervalTimer(intervalMillis, Math.max(10, intervalMillis), new TimerConfig("audit-chain", false));
        AuditChainer self = context.getBusinessObject(AuditChainer.class); // taken here: allowed during creation
        signals.subscribe(CommitSignals.Channel.AUDIT, self::signalled);
    }

    /** Links what was committed, if this server is the cluster's chainer (the commit signal). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void signalled() {
        onTimer();
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        if (!signals.runs(ClusterRole.AUDIT_CHAIN)) {
            return;
        }
        try {
            link();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Linking audit records failed; the next run retries", e);
        }
    }

    /**
     * Links every committed pending record, a batch per transaction (a transaction that went on past its first
     * batch would make every later batch walk the index entries of the records it had already linked).
     *
     * @return how many records it linked
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int chainPending() {
        return link();
    }

    private int link() {
        AuditChainer self = context.getBusinessObject(AuditChainer.class);
        int total = 0;
        int linked;
        do {
            linked = self.linkBatch();
            total += linked;
        } while (linked == BATCH);
        return total;
    }

    /** One batch, in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int linkBatch() {
        return log.linkPending(BATCH);
    }
}
