package org.modelregistry.application.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.modelregistry.api.jobs.JobMessage;
import org.modelregistry.domain.jobs.JobGauge;
import org.modelregistry.domain.jobs.JobOutbox;
import org.modelregistry.domain.jobs.JobRepository;
import org.modelregistry.domain.jobs.JobTable;
import org.modelregistry.domain.jobs.JobTicket;
import org.modelregistry.infrastructure.config.ServerSettings;
import org.modelregistry.infrastructure.persistence.ClusterRole;
import org.modelregistry.infrastructure.persistence.CommitSignals;

/** The relay's dispatch: each source's waiting jobs go out as messages of its type, through the publisher. */
class JobRelayTest {

    private final Outboxes outboxes = new Outboxes();
    private final Broker broker = new Broker();
    private final Source runs = new Source("RUNS", "run", new JobTable("run", "WAITING", "WORKING", false));
    private final Source calls = new Source("CALLS", "call", new JobTable("call", "WAITING", "WORKING", true));
    private final JobRelay relay = new JobRelay();
    /** Whether this server holds the reaper's role (the one server of a cluster that reaps and sweeps). */
    private boolean reaper = true;

    @BeforeEach
    void wire() {
        relay.jobs = outboxes;
        relay.publisher = broker;
        relay.self = relay;
        relay.wakes = new JobWake();
        relay.signals = new CommitSignals() {
            @Override
            public boolean runs(ClusterRole role) {
                return role == ClusterRole.JOB_REAPER && reaper;
            }
        };
        relay.server = new ServerSettings() {
            @Override
            public String serverId() {
                return "server-1";
            }

            @Override
            public String leaseOwner() {
                return "server-1/boot-2";
            }
        };
        relay.use(List.of(runs, calls));
    }

    @Test
    void eachSourcesJobsGoToItsQueueAsMessagesOfItsType() {
        JobTicket run = outboxes.waiting(runs, 1);
        JobTicket call1 = outboxes.waiting(calls, 1);
        JobTicket call2 = outboxes.waiting(calls, 3);

        relay.wake();

        assertThat(broker.sent.get("RUNS")).containsExactly(JobMessage.of("run", run.id(), 1));
        assertThat(broker.sent.get("CALLS"))
                .containsExactly(JobMessage.of("call", call1.id(), 1), JobMessage.of("call", call2.id(), 3));
        assertThat(outboxes.waiting)
                .allSatisfy((table, tickets) -> assertThat(tickets).isEmpty());
        assertThat(outboxes.reaped).isEmpty();
    }

    @Test
    void whatTheBrokerDidNotTakeWaitsForTheNextRound() {
        JobTicket first = outboxes.waiting(runs, 1);
        JobTicket second = outboxes.waiting(runs, 1);
        JobTicket third = outboxes.waiting(runs, 2);
        broker.takesOnly = 1;

        relay.onTimer();

        assertThat(broker.sent.get("RUNS")).containsExactly(JobMessage.of("run", first.id(), 1));
        assertThat(outboxes.unpublished).containsExactly(second, third);
        assertThat(broker.sent).as("the round stops at the broker's failure").doesNotContainKey("CALLS");
    }

    @Test
    void theFirstRoundRecoversThisServersJobsOnceAndTheReaperReapsAndSweepsEachSafetyPoll() {
        relay.onTimer();
        relay.onTimer();

        assertThat(outboxes.recovered).containsExactly("run server-1 server-1/boot-2", "call server-1 server-1/boot-2");
        assertThat(outboxes.reaped).containsExactly("run", "call", "run", "call");
        assertThat(runs.sweeps).isEqualTo(2);
        assertThat(calls.sweeps).isEqualTo(2);
    }

    @Test
    void aServerWithoutTheReapersRoleRecoversItsOwnJobsAndPublishesButNeitherReapsNorSweeps() {
        reaper = false;
        JobTicket run = outboxes.waiting(runs, 1);

        relay.onTimer();

        assertThat(outboxes.recovered).containsExactly("run server-1 server-1/boot-2", "call server-1 server-1/boot-2");
        assertThat(outboxes.reaped).isEmpty();
        assertThat(runs.sweeps).isZero();
        assertThat(broker.sent.get("RUNS")).containsExactly(JobMessage.of("run", run.id(), 1));
    }

    @Test
    void aRoundPublishesByPublishOrderThenByName() {
        Source first = new Source("ZED", "z", new JobTable("z", "WAITING", "WORKING", false), 10);
        assertThat(JobRelay.ordered(List.of(runs, calls, first)))
                .extracting(source -> source.outbox().name())
                .containsExactly("ZED", "CALLS", "RUNS");
    }

    static final class Source implements JobSource {
        final JobOutbox outbox;
        final int order;
        int sweeps;

        Source(String name, String type, JobTable table) {
            this(name, type, table, 100);
        }

        Source(String name, String type, JobTable table, int order) {
            this.outbox = new JobOutbox(name, type, "jms/" + type, table);
            this.order = order;
        }

        @Override
        public int publishOrder() {
            return order;
        }

        @Override
        public JobOutbox outbox() {
            return outbox;
        }

        @Override
        public void sweep() {
            sweeps++;
        }
    }

    static final class Outboxes implements JobRepository {
        final Map<String, List<JobTicket>> waiting = new HashMap<>();
        final List<JobTicket> unpublished = new ArrayList<>();
        final List<String> reaped = new ArrayList<>();
        final List<String> recovered = new ArrayList<>();

        JobTicket waiting(Source source, int attempt) {
            JobTicket ticket = new JobTicket(UUID.randomUUID(), attempt);
            waiting.computeIfAbsent(source.outbox().table().table(), t -> new ArrayList<>())
                    .add(ticket);
            return ticket;
        }

        @Override
        public List<JobTicket> take(JobTable table, int max) {
            List<JobTicket> all = waiting.getOrDefault(table.table(), new ArrayList<>());
            List<JobTicket> taken = List.copyOf(all.subList(0, Math.min(max, all.size())));
            all.removeAll(taken);
            return taken;
        }

        @Override
        public void unpublish(JobTable table, List<JobTicket> tickets) {
            unpublished.addAll(tickets);
        }

        @Override
        public void reap(JobTable table) {
            reaped.add(table.table());
        }

        @Override
        public int recover(JobTable table, String serverId, String currentOwner) {
            recovered.add(table.table() + " " + serverId + " " + currentOwner);
            return 0;
        }

        @Override
        public long count(JobGauge gauge) {
            return 0;
        }
    }

    static final class Broker implements JobPublisher {
        final Map<String, List<JobMessage>> sent = new HashMap<>();
        int takesOnly = Integer.MAX_VALUE;

        @Override
        public void publish(JobOutbox outbox, List<JobMessage> jobs) {
            List<JobMessage> queue = sent.computeIfAbsent(outbox.name(), s -> new ArrayList<>());
            for (JobMessage job : jobs) {
                if (takesOnly-- <= 0) {
                    throw new JobPublishException(queue.size(), new IllegalStateException("the broker is away"));
                }
                queue.add(job);
            }
        }
    }
}
