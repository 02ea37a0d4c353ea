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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.api.jobs.JobMessage;
import org.modelregistry.domain.jobs.JobOutbox;
import org.modelregistry.domain.jobs.JobRepository;
import org.modelregistry.domain.jobs.JobTicket;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.config.WakeSettings;
import org.modelregistry.infrastructure.persistence.ClusterRole;
import org.modelregistry.infrastructure.persistence.CommitSignals;

/**
 * The outbox relay of jobs (docs/adr/0001): woken when a job is queued anywhere in the cluster (the commit signal
 * {@link CommitSignals.Channel#JOBS}; on this server also {@link JobWake}), and every
 * {@code registry.wake.safety-poll-ms} in case a signal was lost, for each {@link JobSource} the contexts declare, it
 * marks the committed, unpublished waiting jobs published (its own transaction, rows locked with SKIP LOCKED so
 * servers share the work), then has the {@link JobPublisher} send one persistent {@link JobMessage} per job outside any
 * transaction, with the duplicate-detection id {@code <outbox>/<job>/<attempt>}. A job whose message was lost (a crash
 * between the two), or whose worker died (lease expired: the next attempt has a new id), is published again after a
 * while; workers' claims make any duplicate harmless. That reaping, and each source's own housekeeping
 * ({@link JobSource#sweep()}), run at the safety poll on the one server of the cluster holding
 * {@link ClusterRole#JOB_REAPER}.
 */
@Singleton
@Startup
@DependsOn({"SchemaMigrator", "CommitSignals"})
public class JobRelay {

    private static final Logger LOG = Logger.getLogger(JobRelay.class.getName());

    /** Jobs taken from one outbox per publish. */
    static final int BATCH = 100;

    @Resource
    TimerService timers;

    @Inject
    @Any
    Instance<JobSource> declared;

    @Inject
    JobRepository jobs;

    @Inject
    JobPublisher publisher;

    @Inject
    ServerSettings server;

    @Inject
    JobWake wakes;

    @Inject
    WakeSettings wakeSettings;

    @EJB
    CommitSignals signals;

    @EJB
    JobRelay self;

    /** The sources found at the first round, in a stable order. */
    private volatile List<JobSource> sources;

    private volatile boolean recovered;

    /** Publishes right after a commit that queued a job (see {@link JobWake}); runs after any publish in progress. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void wake() {
        wakes.taken();
        try {
            publishAll();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "A wake-up publish failed; the poll publishes the jobs", e);
        }
    }

    /** Publishes when another transaction, on any server, queued a job (the commit signal). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void signalled() {
        publishAll();
    }

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(500, wakeSettings.safetyPollMillis(), new TimerConfig("job-relay", false));
        signals.subscribe(CommitSignals.Channel.JOBS, self::signalled);
    }

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        try {
            if (!recovered) {
                for (JobSource source : sources()) {
                    int count = self.recover(source.outbox(), server.serverId(), server.leaseOwner());
                    if (count > 0) {
                        LOG.info(() -> count + " " + source.outbox().table().table()
                                + " jobs held by this server before it" + " stopped are queued again");
                    }
                }
                recovered = true;
            }
            if (signals.runs(ClusterRole.JOB_REAPER)) {
                sources().forEach(source -> self.reap(source.outbox()));
                sources().forEach(JobSource::sweep);
            }
            publishAll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Publishing jobs failed; they are published again later", e);
        }
    }

    List<JobSource> sources() {
        List<JobSource> found = sources;
        if (found == null) {
            found = ordered(declared);
            sources = found;
        }
        return found;
    }

    /** The order a round publishes in: by {@link JobSource#publishOrder()}, then by outbox name. */
    static List<JobSource> ordered(Iterable<? extends JobSource> sources) {
        List<JobSource> all = new ArrayList<>();
        sources.forEach(all::add);
        all.sort(Comparator.comparingInt(JobSource::publishOrder)
                .thenComparing(source -> source.outbox().name()));
        return List.copyOf(all);
    }

    /** The sources to carry, instead of those CDI finds (tests). */
    void use(List<JobSource> sources) {
        this.sources = List.copyOf(sources);
    }

    private void publishAll() {
        for (JobSource source : sources()) {
            publish(source.outbox());
        }
    }

    private void publish(JobOutbox outbox) {
        List<JobTicket> taken = self.take(outbox, BATCH);
        if (taken.isEmpty()) {
            return;
        }
        List<JobMessage> messages = taken.stream()
                .map(t -> JobMessage.of(outbox.type(), t.id(), t.attempt()))
                .toList();
        try {
            publisher.publish(outbox, messages);
        } catch (JobPublishException e) {
            // the broker is away: what was not sent goes out again with the next publish, not after the reaper's 60 s
            self.unpublish(outbox, taken.subList(e.sent(), taken.size()));
            throw e;
        }
    }

    /**
     * Jobs an earlier life of this server held (it crashed or was killed while working on them) go out again now,
     * rather than when their leases run out; a job whose work already left the registry stays as it is.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int recover(JobOutbox outbox, String serverId, String currentOwner) {
        return jobs.recover(outbox.table(), serverId, currentOwner);
    }

    /** Marks up to {@code max} committed, unpublished jobs published and returns them. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<JobTicket> take(JobOutbox outbox, int max) {
        return jobs.take(outbox.table(), max);
    }

    /** Jobs taken for publishing whose messages could not be sent: published again by the next round. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void unpublish(JobOutbox outbox, List<JobTicket> tickets) {
        jobs.unpublish(outbox.table(), tickets);
    }

    /** Jobs whose message went missing, or whose worker's lease ran out, go out again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void reap(JobOutbox outbox) {
        jobs.reap(outbox.table());
    }
}
