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
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.modelregistry.domain.jobs.JobGauge;
import org.modelregistry.domain.jobs.JobRepository;

/**
 * The jobs on /metrics: how many wait, run and gave up (DEAD) of each kind, as the contexts' {@link JobGauges} name
 * them (evaluations, deployments, webhook deliveries, mails; read from the database, which all servers share, at most
 * every 5 s), and in this server counters of finished jobs by outcome and timers of their durations
 * ({@link #finished}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@Lock(LockType.READ)
public class JobMetrics {

    private static final long MAX_AGE_NANOS = Duration.ofSeconds(5).toNanos();

    @Inject
    @Any
    Instance<JobGauges> declared;

    @Inject
    JobRepository jobs;

    @Inject
    MetricRegistry metrics;

    @EJB
    JobMetrics self;

    private List<JobGauge> gauges = List.of();
    private volatile Map<String, Long> counts = Map.of();
    private volatile long readAt;

    @PostConstruct
    void register() {
        gauges = declared.stream().flatMap(g -> g.gauges().stream()).toList();
        Metadata jobs = Metadata.builder()
                .withName("registry_jobs")
                .withDescription("Jobs by kind and state (waiting: queued, not started; running; dead: given up)")
                .build();
        for (JobGauge g : gauges) {
            metrics.gauge(
                    jobs,
                    () -> current().getOrDefault(g.key(), 0L),
                    new Tag("kind", g.kind()),
                    new Tag("state", g.state()));
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
        for (JobGauge g : gauges) {
            out.put(g.key(), jobs.count(g));
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
