package org.modelregistry.application.warmup;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.TemporaryQueue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.modelregistry.api.identity.Role;
import org.modelregistry.application.identity.CurrentCaller;
import org.modelregistry.application.identity.IdentitySettings;
import org.modelregistry.domain.identity.Caller;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.security.SigningKeys;

/**
 * Runs the server's hot paths before readiness says UP (docs/performance.md, "Warm before ready"), so that the JIT
 * compiles them while no user waits. It starts when the application is deployed, waits until the REST API answers,
 * then for at most {@code registry.warmup.budget-ms} runs up to {@code registry.warmup.rounds} rounds of:
 * <ul>
 *   <li>a registration (model, version, evaluation suite and run: the job's outbox row, with their audit records)
 *       through the services, rolled back ({@link WarmupRound#register});
 *   <li>a search and catalog reads on what exists ({@link WarmupRound#read});
 *   <li>every fifth round, a job-shaped message sent and received on a temporary queue of the broker, through the
 *       resource adapter the job relay sends with (the temporary queue goes with its connection);
 * </ul>
 * and, beside them on a second thread, loopback requests that change nothing: a ping, a search, a listing, a GET of a
 * fixed id that no model has (404) with a token the server signs for a principal that is nobody
 * ({@link Caller#WARMUP_PREFIX}, no roles in any organization, expiring with the budget), and a POST without a token
 * (401). Refused changes of a
 * caller with a principal are audited (RequestIdFilter), so the loopback changes nothing with its token.
 *
 * <p>The services act for a caller of its own, {@link Caller#WARMUP_PREFIX} plus {@code rounds}, contributor and
 * reviewer in the default organization, set on a request context the warm-up activates
 * ({@link CurrentCaller#assumeWarmUp}): it never exists as an account and nothing it writes is committed.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // volatile state; probes never wait on a lock
@DependsOn({"SchemaMigrator", "SigningKeys"})
public class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());

    /**
     * The id the loopback asks for (404): always the same, because a read by id that finds nothing still leaves an
     * empty slot in the cluster's read cache; one slot, not one per request.
     */
    private static final UUID NO_MODEL = new UUID(0, 0);

    /** A broker round trip every this many rounds. */
    private static final int BROKER_EVERY = 5;

    /** Failures after which a path is left out of the remaining rounds. */
    private static final int MAX_FAILURES = 5;

    /** How long the warm-up waits for the REST API to answer after the EJB module started. */
    private static final long APPLICATION_WAIT_MS = 120_000;

    /** Search texts of the reads: words, a prefix, a phrase, a metadata filter and none (match all). */
    private static final List<String> TEXTS =
            List.of("model", "classifier", "fraud*", "\"risk model\"", "metadata.framework:pytorch", "");

    /** Where the warm-up stands; readiness waits while it is {@link #WARMING}. */
    public enum State {
        WARMING,
        DONE,
        OUT_OF_TIME,
        OFF
    }

    @Resource
    ManagedExecutorService executor;

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    @Inject
    WarmupSettings settings;

    @Inject
    ServerSettings server;

    @Inject
    IdentitySettings identity;

    @Inject
    RequestContextController requests;

    @Inject
    CurrentCaller caller;

    @EJB
    WarmupRound round;

    @EJB
    SigningKeys keys;

    private volatile State state = State.WARMING;
    private volatile String summary = "starting";

    @PostConstruct
    void start() {
        if (!settings.enabled()) {
            state = State.OFF;
            summary = "off (registry.warmup.enabled=false)";
            LOG.info("warm-up is off (registry.warmup.enabled=false): readiness does not wait for it");
            return;
        }
        executor.submit(this::run);
    }

    /** Where the warm-up stands. */
    public State state() {
        return state;
    }

    /** What it did, or is doing: for the administrators' readiness details and the log. */
    public String summary() {
        return summary;
    }

    private void run() {
        long t0 = System.nanoTime();
        try {
            summary = "waiting for the REST API";
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            String base = "http://127.0.0.1:" + server.httpPort() + "/api/v1";
            boolean api = awaitApi(http, base);
            long started = System.nanoTime();
            long deadline = started + TimeUnit.MILLISECONDS.toNanos(settings.budgetMillis());
            summary = "running";
            Counts counts = new Counts();
            Future<?> loopback = api ? executor.submit(() -> loopback(http, base, deadline, counts)) : null;
            inProcess(deadline, counts);
            if (loopback != null) {
                awaitQuietly(loopback, deadline);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            boolean outOfTime = System.nanoTime() - deadline >= 0;
            summary = String.format(
                    "%s in %d ms (%d ms after the application started): %d registrations rolled back, "
                            + "%d reads and searches, %d broker round trips, %d loopback requests%s",
                    outOfTime ? "stopped at its budget of " + settings.budgetMillis() + " ms" : "done",
                    ms,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0),
                    counts.writes.get(),
                    counts.reads.get(),
                    counts.messages.get(),
                    counts.requests.get(),
                    api ? "" : " (the REST API did not answer on 127.0.0.1:" + server.httpPort() + ")");
            state = outOfTime ? State.OUT_OF_TIME : State.DONE;
            LOG.info("warm-up " + summary);
        } catch (RuntimeException e) {
            summary = "failed: " + e;
            state = State.DONE;
            LOG.log(Level.WARNING, "warm-up failed; readiness no longer waits for it", e);
        }
    }

    /**
     * The rounds of services and broker on this thread. A path that fails {@value #MAX_FAILURES} times (a search
     * index still being rebuilt, a broker that refuses temporary queues) is left out of the rounds that follow; its
     * first failure is logged.
     */
    private void inProcess(long deadline, Counts counts) {
        Caller self = warmUpCaller();
        HotPath writes = new HotPath("registration", counts.writes);
        HotPath reads = new HotPath("reads and search", counts.reads);
        HotPath broker = new HotPath("broker round trip", counts.messages);
        for (int i = 0; i < settings.rounds() && System.nanoTime() - deadline < 0; i++) {
            boolean activated = requests.activate();
            try {
                caller.assumeWarmUp(self);
                writes.run(round::register);
                String text = TEXTS.get(i % TEXTS.size());
                reads.run(() -> round.read(text));
            } finally {
                if (activated) {
                    requests.deactivate();
                }
            }
            if (i % BROKER_EVERY == 0) {
                broker.run(this::brokerRoundTrip); // a temporary queue per trip: fewer of them, the rest still runs
            }
            if (writes.dropped() && reads.dropped() && broker.dropped()) {
                return;
            }
        }
    }

    /** The warm-up's caller: contributor and reviewer in the default organization, for the rolled-back rounds. */
    private Caller warmUpCaller() {
        UUID organization = round.defaultOrganization();
        return new Caller(
                Caller.WARMUP_PREFIX + "rounds",
                false,
                Map.of(organization, Set.of(Role.VIEWER, Role.CONTRIBUTOR, Role.REVIEWER)));
    }

    /** A job-shaped message to a temporary queue and back: the JMS client's send and receive code. */
    private void brokerRoundTrip() {
        try (JMSContext context = connections.createContext()) {
            TemporaryQueue queue = context.createTemporaryQueue();
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                context.createProducer()
                        .send(queue, "{\"type\":\"warmup\",\"schemaVersion\":1,\"id\":\"" + UUID.randomUUID() + "\"}");
                if (consumer.receive(2_000) == null) {
                    throw new JMSRuntimeException("the message sent to a temporary queue did not come back");
                }
            }
            queue.delete();
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage());
        }
    }

    /** Loopback requests through the whole REST stack (filters, JWT, JAX-RS, JSON, problem mapping). */
    private void loopback(HttpClient http, String base, long deadline, Counts counts) {
        String bearer = "Bearer " + token();
        String body = "{\"group\":\"warmup\",\"name\":\"w\",\"riskTier\":\"LOW\"}";
        for (int i = 0; i < settings.rounds() && System.nanoTime() - deadline < 0; i++) {
            HttpRequest.Builder request = switch (i % 5) {
                case 0 -> get(base + "/system/ping", bearer);
                case 1 -> get(base + "/models/" + NO_MODEL, bearer);
                case 2 -> get(base + "/search?limit=10&q=" + (i % 2 == 0 ? "model" : "fraud*"), bearer);
                case 3 -> get(base + "/models?limit=10", bearer);
                default ->
                    HttpRequest.newBuilder(URI.create(base + "/models"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)); // no token: 401, nothing tried
            };
            try {
                http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                counts.requests.incrementAndGet();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "warm-up: a loopback request failed; the loopback is not warmed further", e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static HttpRequest.Builder get(String url, String bearer) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", bearer)
                .GET();
    }

    /**
     * A token of the registry for a principal that is nobody: no account has the name (it holds ':'), it has roles
     * in no organization (a caller the registry does not know sees nothing and may change nothing), and it expires a
     * minute after the budget. It never leaves this process but for loopback requests.
     */
    private String token() {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(identity.tokenIssuer());
        claims.setAudience(identity.tokenAudience());
        String name = Caller.WARMUP_PREFIX + "loopback";
        claims.setSubject(name);
        claims.setClaim("upn", name);
        claims.setIssuedAtToNow();
        claims.setNotBeforeMinutesInThePast(0);
        claims.setExpirationTimeMinutesInTheFuture(settings.budgetMillis() / 60_000f + 1);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setStringListClaim(identity.rolesClaim(), List.of(Role.VIEWER.name()));
        return keys.sign(claims.toJson());
    }

    /** Waits until the REST API answers (any status but 404, which is Liberty's before the WAR is up, or a 5xx). */
    private boolean awaitApi(HttpClient http, String base) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(APPLICATION_WAIT_MS);
        while (System.nanoTime() - until < 0) {
            try {
                int status = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/system/ping"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status != 404 && status < 500) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(200); // a poll of our own port while the WAR deploys
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void awaitQuietly(Future<?> task, long deadline) {
        try {
            task.get(Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(6), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            task.cancel(true);
            LOG.log(Level.WARNING, "warm-up: the loopback requests did not end in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One hot path of the rounds: how often it ran, and whether it failed too often to go on. */
    private static final class HotPath {
        private final String name;
        private final AtomicInteger count;
        private int failures;

        HotPath(String name, AtomicInteger count) {
            this.name = name;
            this.count = count;
        }

        void run(Runnable step) {
            if (dropped()) {
                return;
            }
            try {
                step.run();
                count.incrementAndGet();
            } catch (RuntimeException e) {
                if (++failures == 1) {
                    LOG.log(Level.WARNING, "warm-up: the " + name + " path failed", e);
                }
                if (dropped()) {
                    LOG.warning("warm-up: the " + name + " path failed " + failures + " times and is not warmed"
                            + " further");
                }
            }
        }

        boolean dropped() {
            return failures >= MAX_FAILURES;
        }
    }

    /** What the warm-up ran, for its log line. */
    private static final class Counts {
        final AtomicInteger writes = new AtomicInteger();
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger messages = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
    }
}
