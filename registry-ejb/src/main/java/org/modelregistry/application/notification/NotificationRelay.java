package org.modelregistry.application.notification;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.modelregistry.application.jobs.JobMetrics;
import org.modelregistry.application.shared.JsonText;
import org.modelregistry.application.shared.SqlValues;
import org.modelregistry.domain.notification.DomainEvents;
import org.modelregistry.domain.notification.MailRules;
import org.modelregistry.domain.shared.Uuid7;
import org.modelregistry.infrastructure.config.RegistrySettings;
import org.modelregistry.infrastructure.security.SecretBox;
import org.modelregistry.infrastructure.security.SecretKeys;

/**
 * Notifications, read from the committed audit log in seq order (so a rolled-back change never notifies anyone):
 * <ol>
 * <li>fan-out: each event becomes one delivery per matching webhook subscription and one mail per interested
 * person, in the same transaction that moves the reader's position (nothing is lost or made twice);</li>
 * <li>delivery: due deliveries and mails are claimed (SKIP LOCKED, so several servers share them), sent, and either
 * finished or scheduled again with exponential back-off and jitter, until {@code registry.notifications
 * .max-attempts} makes them DEAD; every webhook attempt is logged;</li>
 * <li>topic: every event is also published, persistent, to the {@code registry.events} JMS topic (duplicate
 * detection id {@code event/<seq>}) for other systems.</li>
 * </ol>
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN) // the sends call back into it from other threads
public class NotificationRelay {

    private static final Logger LOG = Logger.getLogger(NotificationRelay.class.getName());
    private static final int BATCH = 500;
    private static final int SENDS_PER_TICK = 16; // WebhookSender's bulkhead

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Resource
    TimerService timers;

    @Resource
    ManagedExecutorService executor;

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    @Resource(lookup = "jms/events")
    Topic events;

    @Inject
    RegistrySettings settings;

    @Inject
    WebhookSender webhooks;

    @Inject
    SecretKeys secrets;

    @Inject
    MailSender mail;

    @EJB
    NotificationRelay self;

    @EJB
    JobMetrics metrics;

    /** An event read from the audit log. */
    public record Event(long seq, String type, String action, JsonObject payload) {}

    @PostConstruct
    void schedule() {
        timers.createIntervalTimer(1000, 250, new TimerConfig("notification-relay", false));
    }

    private final AtomicBoolean running = new AtomicBoolean();

    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer() {
        if (!running.compareAndSet(false, true)) {
            return; // the previous round is still sending
        }
        try {
            while (self.fanOut() == BATCH) {
                // more to read
            }
            deliverWebhooks();
            deliverMail();
            publishToTopic();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Notifications failed; they are tried again", e);
        } finally {
            running.set(false);
        }
    }

    // ------------------------------------------------------------------ reading the log

    private List<Event> read(long after, long upTo) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT a.seq, a.action, a.actor, a.occurred_at, a.object_type,"
                        + " a.object_id::text, a.details::text, o.slug, m.id::text, m.model_group, m.name, v.version"
                        + " FROM audit_event a LEFT JOIN organization o ON o.id = a.organization_id"
                        + " LEFT JOIN deployment d ON a.object_type = 'deployment' AND d.id = a.object_id"
                        + " LEFT JOIN model_version v ON v.id = CASE WHEN a.object_type = 'model_version' THEN"
                        + " a.object_id ELSE d.version_id END"
                        + " LEFT JOIN model m ON m.id = CASE WHEN a.object_type = 'model' THEN a.object_id ELSE"
                        + " v.model_id END"
                        + " WHERE a.seq > ? AND a.seq <= ? AND a.action IN ("
                        + DomainEvents.ACTIONS.stream().map(x -> "'" + x + "'").collect(Collectors.joining(","))
                        + ") ORDER BY a.seq")
                .setParameter(1, after)
                .setParameter(2, upTo)
                .getResultList();
        List<Event> out = new ArrayList<>();
        for (Object[] r : rows) {
            long seq = ((Number) r[0]).longValue();
            String action = (String) r[1];
            String type = DomainEvents.typeOf(action);
            JsonObjectBuilder b = Json.createObjectBuilder()
                    .add("id", String.valueOf(seq))
                    .add("type", type)
                    .add("action", action)
                    .add("occurredAt", SqlValues.time(r[3]).toString())
                    .add("actor", (String) r[2])
                    .add(
                            "object",
                            Json.createObjectBuilder()
                                    .add("type", (String) r[4])
                                    .add("id", (String) r[5]));
            if (r[7] != null) {
                b.add("organization", (String) r[7]);
            }
            if (r[8] != null) {
                b.add(
                        "model",
                        Json.createObjectBuilder()
                                .add("id", (String) r[8])
                                .add("group", (String) r[9])
                                .add("name", (String) r[10]));
            }
            if (r[11] != null) {
                b.add("version", (String) r[11]);
            }
            b.add("details", r[6] == null ? JsonObject.EMPTY_JSON_OBJECT : JsonText.parse((String) r[6]));
            out.add(new Event(seq, type, action, b.build()));
        }
        return out;
    }

    /** The last seq read before this batch when the batch holds no event: the position still moves on. */
    private long maxSeq(long after, int max) {
        Object v = em.createNativeQuery("SELECT max(seq) FROM (SELECT seq FROM audit_event WHERE seq > ? ORDER BY seq"
                        + " LIMIT " + max + ") s")
                .setParameter(1, after)
                .getSingleResult();
        return v == null ? after : ((Number) v).longValue();
    }

    private Long lockPosition(String reader) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery(
                        "SELECT last_seq FROM event_position WHERE reader = ? FOR UPDATE" + " SKIP LOCKED")
                .setParameter(1, reader)
                .getResultList();
        return rows.isEmpty() ? null : ((Number) rows.get(0)).longValue();
    }

    private void movePosition(String reader, long seq) {
        em.createNativeQuery("UPDATE event_position SET last_seq = ? WHERE reader = ?")
                .setParameter(1, seq)
                .setParameter(2, reader)
                .executeUpdate();
    }

    // ------------------------------------------------------------------ fan-out

    /** Turns the next events into deliveries and mails; returns how many audit records it passed. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int fanOut() {
        Long position = lockPosition("notifications");
        if (position == null) {
            return 0; // another server holds it
        }
        long last = maxSeq(position, BATCH);
        if (last == position) {
            return 0;
        }
        List<Event> batch = read(position, last);
        @SuppressWarnings("unchecked")
        List<Object[]> subscriptions = em.createNativeQuery("SELECT s.id::text, o.slug, s.events, s.model_groups FROM"
                        + " webhook_subscription s JOIN organization o ON o.id = s.organization_id WHERE s.enabled")
                .getResultList();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Event e : batch) {
            String org = e.payload().getString("organization", null);
            String group = e.payload().containsKey("model")
                    ? e.payload().getJsonObject("model").getString("group")
                    : null;
            for (Object[] s : subscriptions) {
                boolean groupOk = ((String) s[3]).isEmpty()
                        || (group != null && List.of(((String) s[3]).split(",")).contains(group));
                if (s[1].equals(org) && DomainEvents.accepts((String) s[2], e.type()) && groupOk) {
                    em.createNativeQuery("INSERT INTO webhook_delivery (id, subscription_id, event_seq, event_type,"
                                    + " payload, state, next_attempt_at, created_at) VALUES (CAST(? AS uuid), CAST(? AS"
                                    + " uuid), ?, ?, CAST(? AS jsonb), 'PENDING', ?, ?) ON CONFLICT DO NOTHING")
                            .setParameter(1, Uuid7.next().toString())
                            .setParameter(2, s[0])
                            .setParameter(3, e.seq())
                            .setParameter(4, e.type())
                            .setParameter(5, e.payload().toString())
                            .setParameter(6, now)
                            .setParameter(7, now)
                            .executeUpdate();
                }
            }
            if (mail.enabled()) {
                mails(e, now);
            }
        }
        movePosition("notifications", last);
        return (int) Math.min(BATCH, last - position);
    }

    private void mails(Event e, OffsetDateTime now) {
        JsonObject p = e.payload();
        if (!p.containsKey("model")) {
            return;
        }
        JsonObject model = p.getJsonObject("model");
        String subject = model.getString("group") + "/" + model.getString("name")
                + (p.containsKey("version") ? " " + p.getString("version") : "");
        String link = settings.publicUrl() + "/api/v1/models/" + model.getString("id")
                + (p.containsKey("version") ? "/versions/" + p.getString("version") : "");
        MailRules.Mail m =
                MailRules.mailFor(e.action(), subject, p.getJsonObject("details"), p.getString("actor"), link);
        if (m == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> recipients = m.audience() == MailRules.Audience.REVIEWERS
                ? em.createNativeQuery("SELECT DISTINCT u.email FROM app_user u JOIN membership ms ON ms.user_id = u.id"
                                + " JOIN model mo ON mo.organization_id = ms.organization_id WHERE mo.id = CAST(? AS uuid) AND"
                                + " ms.role = 'REVIEWER' AND u.active AND u.email IS NOT NULL")
                        .setParameter(1, model.getString("id"))
                        .getResultList()
                : em.createNativeQuery(
                                "SELECT DISTINCT u.email FROM app_user u JOIN model_owner mo ON mo.owner ="
                                        + " u.username WHERE mo.model_id = CAST(? AS uuid) AND u.active AND u.email IS NOT NULL")
                        .setParameter(1, model.getString("id"))
                        .getResultList();
        for (String to : new LinkedHashSet<>(recipients)) {
            em.createNativeQuery("INSERT INTO mail_message (id, event_seq, recipient, subject, body, state,"
                            + " next_attempt_at, created_at) VALUES (CAST(? AS uuid), ?, ?, ?, ?, 'PENDING', ?, ?)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter(1, Uuid7.next().toString())
                    .setParameter(2, e.seq())
                    .setParameter(3, to)
                    .setParameter(4, m.subject())
                    .setParameter(5, m.body())
                    .setParameter(6, now)
                    .setParameter(7, now)
                    .executeUpdate();
        }
    }

    // ------------------------------------------------------------------ webhooks

    /** Claims due deliveries for two minutes: id, attempt, url, secret (decrypted), type, payload. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Object[]> takeDeliveries(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE webhook_delivery d SET attempts = attempts + 1,"
                        + " next_attempt_at = now() + interval '2 minutes' FROM webhook_subscription s WHERE s.id ="
                        + " d.subscription_id AND d.id IN (SELECT w.id FROM webhook_delivery w JOIN webhook_subscription ws ON"
                        + " ws.id = w.subscription_id WHERE w.state = 'PENDING' AND ws.enabled AND w.next_attempt_at <= now()"
                        + " ORDER BY w.next_attempt_at LIMIT " + max + " FOR UPDATE OF w SKIP LOCKED)"
                        + " RETURNING d.id::text, d.attempts, s.url, s.secret, d.event_type, d.payload::text, s.id::text,"
                        + " s.secrets_sealed")
                .getResultList();
        for (Object[] r : rows) {
            try {
                r[3] = secrets.open(
                        (String) r[3], (Boolean) r[7], "webhook_subscription", "secret", UUID.fromString((String)
                                r[6]));
            } catch (SecretBox.UnreadableSecretException e) {
                LOG.warning(e.getMessage());
                r[3] = null; // recorded as a failed attempt below, the others are still sent
            }
        }
        return rows;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void delivered(String id, int attempt, OffsetDateTime started, WebhookSender.Outcome outcome) {
        em.createNativeQuery("INSERT INTO webhook_delivery_attempt (delivery_id, attempt, started_at, duration_ms,"
                        + " http_status, error) VALUES (CAST(? AS uuid), ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .setParameter(1, id)
                .setParameter(2, attempt)
                .setParameter(3, started)
                .setParameter(4, (int) Math.min(outcome.millis(), Integer.MAX_VALUE))
                .setParameter(5, outcome.status())
                .setParameter(6, outcome.error() == null ? null : truncate(outcome.error()))
                .executeUpdate();
        String result = finish("webhook_delivery", "DELIVERED", id, attempt, outcome.delivered(), "finished_at");
        metrics.finished("webhook", result, Duration.ofMillis(outcome.millis()));
    }

    /** Ends a delivery or mail (done, or DEAD after the last attempt) or schedules its next try; says which. */
    private String finish(String table, String done, String id, int attempt, boolean ok, String finishedColumn) {
        if (ok) {
            em.createNativeQuery("UPDATE " + table + " SET state = '" + done + "', " + finishedColumn + " = now()"
                            + " WHERE id = CAST(? AS uuid)")
                    .setParameter(1, id)
                    .executeUpdate();
            return done;
        }
        if (attempt >= settings.notificationMaxAttempts()) {
            em.createNativeQuery("UPDATE " + table + " SET state = 'DEAD', " + finishedColumn + " = now() WHERE"
                            + " id = CAST(? AS uuid)")
                    .setParameter(1, id)
                    .executeUpdate();
            return "DEAD";
        }
        em.createNativeQuery("UPDATE " + table + " SET next_attempt_at = ? WHERE id = CAST(? AS uuid)")
                .setParameter(
                        1,
                        OffsetDateTime.now(ZoneOffset.UTC)
                                .plus(DomainEvents.backoff(settings.notificationRetryBase(), attempt)))
                .setParameter(2, id)
                .executeUpdate();
        return "RETRY";
    }

    private void deliverWebhooks() {
        List<Object[]> due = self.takeDeliveries(SENDS_PER_TICK);
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (Object[] d : due) {
            sends.add(CompletableFuture.runAsync(
                    () -> {
                        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
                        WebhookSender.Outcome outcome;
                        try {
                            outcome = d[3] == null
                                    ? new WebhookSender.Outcome(null, "the signing secret cannot be decrypted", 0)
                                    : webhooks.send(
                                            (String) d[2], (String) d[3], (String) d[0], (String) d[4], (String) d[5]);
                        } catch (
                                RuntimeException
                                        e) { // bulkhead full, timeout: a fixed phrase is stored, not the exception
                            outcome = new WebhookSender.Outcome(
                                    null, "not sent: too many deliveries at once or timed out", 0);
                        }
                        self.delivered((String) d[0], ((Number) d[1]).intValue(), started, outcome);
                    },
                    executor));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
    }

    // ------------------------------------------------------------------ mail

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Object[]> takeMails(int max) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("UPDATE mail_message SET attempts = attempts + 1, next_attempt_at ="
                        + " now() + interval '2 minutes' WHERE id IN (SELECT id FROM mail_message WHERE state = 'PENDING' AND"
                        + " next_attempt_at <= now() ORDER BY next_attempt_at LIMIT " + max + " FOR UPDATE SKIP LOCKED)"
                        + " RETURNING id::text, attempts, recipient, subject, body")
                .getResultList();
        return rows;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void mailed(String id, int attempt, String error) {
        if (error != null) {
            em.createNativeQuery("UPDATE mail_message SET last_error = ? WHERE id = CAST(? AS uuid)")
                    .setParameter(1, truncate(error))
                    .setParameter(2, id)
                    .executeUpdate();
        }
        metrics.finished("mail", finish("mail_message", "SENT", id, attempt, error == null, "sent_at"), null);
    }

    private void deliverMail() {
        if (!mail.enabled()) {
            return;
        }
        for (Object[] m : self.takeMails(SENDS_PER_TICK)) {
            String error = null;
            try {
                mail.send((String) m[2], (String) m[3], (String) m[4]);
            } catch (Exception e) {
                error = e.toString();
            }
            self.mailed((String) m[0], ((Number) m[1]).intValue(), error);
        }
    }

    // ------------------------------------------------------------------ topic

    /** The next events for the topic (and the seq they reach), read in a transaction of their own. */
    public record TopicBatch(long from, long upTo, List<Event> events) {}

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public TopicBatch topicBatch() {
        Object position = em.createNativeQuery("SELECT last_seq FROM event_position WHERE reader = 'topic'")
                .getSingleResult();
        long from = ((Number) position).longValue();
        long last = maxSeq(from, BATCH);
        return new TopicBatch(from, last, last == from ? List.of() : read(from, last));
    }

    /** Moves the topic reader on, unless another server already did (its sends were dropped as duplicates). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void topicPublished(long from, long upTo) {
        em.createNativeQuery("UPDATE event_position SET last_seq = ? WHERE reader = 'topic' AND last_seq = ?")
                .setParameter(1, upTo)
                .setParameter(2, from)
                .executeUpdate();
    }

    /**
     * Publishes the next events to registry.events outside any transaction (docs/adr/0001: no XA), then moves the
     * position; a crash in between publishes them again, and the broker drops the repeats by their duplicate id.
     */
    private void publishToTopic() {
        try {
            for (int round = 0; round < 20; round++) {
                TopicBatch batch = self.topicBatch();
                if (batch.upTo() == batch.from()) {
                    return;
                }
                if (!batch.events().isEmpty()) {
                    try (JMSContext context = connections.createContext()) {
                        JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
                        for (Event e : batch.events()) {
                            producer.setProperty("_AMQ_DUPL_ID", "event/" + e.seq())
                                    .setProperty("type", e.type())
                                    .send(events, e.payload().toString());
                        }
                    }
                }
                self.topicPublished(batch.from(), batch.upTo());
            }
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Publishing events to the registry.events topic failed; they are published again" + " later",
                    e);
        }
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }
}
