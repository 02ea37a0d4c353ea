package org.modelregistry.infrastructure.messaging.jms;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.modelregistry.api.jobs.JobMessage;
import org.modelregistry.application.jobs.JobPublishException;
import org.modelregistry.application.jobs.JobPublisher;
import org.modelregistry.domain.jobs.JobOutbox;

/**
 * {@link JobPublisher} on the registry's JMS connection factory: JSON text messages, persistent, each with Artemis'
 * duplicate-detection id {@code <outbox>/<job>/<attempt>} so that the broker drops a resend it still remembers.
 */
@ApplicationScoped
public class JmsJobPublisher implements JobPublisher {

    /** Artemis' duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    @Resource(lookup = "jms/registry")
    ConnectionFactory connections;

    private final Map<String, Queue> queues = new ConcurrentHashMap<>();

    @Override
    public void publish(JobOutbox outbox, List<JobMessage> jobs) {
        int sent = 0;
        try (JMSContext context = connections.createContext()) {
            Queue queue = queue(outbox.queue());
            JMSProducer producer = context.createProducer().setDeliveryMode(DeliveryMode.PERSISTENT);
            for (JobMessage job : jobs) {
                producer.setProperty(DUPLICATE_ID, duplicateId(outbox, job)).send(queue, job.toJson());
                sent++;
            }
        } catch (RuntimeException e) {
            throw new JobPublishException(sent, e);
        }
    }

    /** The same id as before messages had a shape, so that a resend across an upgrade is still recognised. */
    static String duplicateId(JobOutbox outbox, JobMessage job) {
        return outbox.name() + "/" + job.id() + "/" + job.attempt();
    }

    private Queue queue(String jndiName) {
        return queues.computeIfAbsent(jndiName, name -> {
            try {
                return InitialContext.doLookup(name);
            } catch (NamingException e) {
                throw new IllegalStateException("no queue " + name + " in server.xml", e);
            }
        });
    }
}
