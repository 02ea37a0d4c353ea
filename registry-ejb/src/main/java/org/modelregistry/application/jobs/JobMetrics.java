package org.modelregistry.application.jobs;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The jobs on /metrics: how many wait and run of each kind (evaluations, deployments, webhook deliveries, mails;
 * read from the database, which all servers share, at most every 5 s), how many gave up (DEAD), and in this server
 * counters of finished jobs by outcome and timers of their durations ({@link #finished}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@Lock(LockType.READ)
public class JobMetrics {

    private static final long MAX_AGE_NANOS = Duration.ofSeconds(5).toNanos();
    private static final List<String[]> GAUGES = List.of(
            new String[] {"evaluation", "waiting", "SELECT count(*) FROM evaluation_run WHERE state = 'QUEUED'"},
            new String[] {"evaluation", "running", "SELECT count(*) FROM evaluation_run WHERE state = 'RUNNING'"},
            new String[] {"deployment", "waiting", "SELECT count(*) FROM deployment WHERE state = 'REQUESTED'"},
            new String[] {"deployment", "running", "SELECT count(*) FROM deployment WHERE state = 'IN_PROGRESS'"},
            new String[] {"webhook", "waiting", "SELECT count(*) FROM webhook_delivery WHERE state = 'PENDING'"},
            new String[] {"webhook", "dead", "SELECT count(*) FROM webhook_delivery WHERE state = 'DEAD'"},
            new String[] {"mail", "waiting", "SELECT count(*) FROM mail_message WHERE state = 'PENDING'"},
            new String[] {"mail", "dead", "SELECT count(*) FROM mail_message WHERE state = 'DEAD'"});

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Inject
    MetricRegistry metrics;

    @EJB
    JobMetrics self;

    private volatile Map<String, Long> counts = Map.of();
    private volatile long readAt;

    @PostConstruct
    void register() {
        Metadata jobs = Metadata.builder()
                .withName("registry_jobs")
                .withDescription("Jobs by kind and state (waiting: queued, not started; running; dead: given up)")
                .build();
        for (String[] g : GAUGES) {
            String key = g[0] + "." + g[1];
            metrics.gauge(jobs, () -> current().getOrDefault(key, 0L), new Tag("kind", g[0]), new Tag("state", g[1]));
        }
    }

    private Map<String, Long> current() {
        if (System.nanoTime() - readAt > MAX_AGE_NANOS) {
            counts = self.read();
            readAt = System.nanoTime();
        }
        return counts;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Map<String, Long> read() {
        Map<String, Long> out = new HashMap<>();
        for (String[] g : GAUGES) {
            out.put(g[0] + "." + g[1], ((Number) em.createNativeQuery(g[2]).getSingleResult()).longValue());
        }
        return out;
    }

    /** A job this server finished: counted by kind and outcome, its duration timed. */
    public void finished(String kind, String outcome, Duration took) {
        metrics.counter(
                        Metadata.builder()
                                .withName("registry_jobs_finished")
                                .withDescription("Jobs finished by this server, by kind and outcome")
                                .build(),
                        new Tag("kind", kind),
                        new Tag("outcome", outcome))
                .inc();
        if (took != null) {
            metrics.timer(
                            Metadata.builder()
                                    .withName("registry_job_duration")
                                    .withDescription("How long jobs took in this server, by kind")
                                    .build(),
                            new Tag("kind", kind))
                    .update(took);
        }
    }
}
