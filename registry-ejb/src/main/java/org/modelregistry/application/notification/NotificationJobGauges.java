package org.modelregistry.application.notification;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.modelregistry.application.jobs.JobGauges;
import org.modelregistry.domain.jobs.JobGauge;
import org.modelregistry.domain.notification.DeliveryState;
import org.modelregistry.domain.notification.MailState;

/** Webhook deliveries and mails on {@code registry_jobs}: those waiting (PENDING) and those given up (DEAD). */
@ApplicationScoped
public class NotificationJobGauges implements JobGauges {

    @Override
    public List<JobGauge> gauges() {
        return List.of(
                new JobGauge("webhook", "waiting", "webhook_delivery", DeliveryState.PENDING.name()),
                new JobGauge("webhook", "dead", "webhook_delivery", DeliveryState.DEAD.name()),
                new JobGauge("mail", "waiting", "mail_message", MailState.PENDING.name()),
                new JobGauge("mail", "dead", "mail_message", MailState.DEAD.name()));
    }
}
