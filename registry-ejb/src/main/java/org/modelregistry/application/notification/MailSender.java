package org.modelregistry.application.notification;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.modelregistry.infrastructure.config.RegistrySettings;

/** Sends mail through Jakarta Mail (Liberty's mail-2.1) to the SMTP server MicroProfile Config names. */
@ApplicationScoped
public class MailSender {

    @Inject
    RegistrySettings settings;

    private volatile Session session;

    public boolean enabled() {
        return settings.mailHost().isPresent();
    }

    public void send(String to, String subject, String text) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(settings.mailFrom()));
        message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, true));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private Session session() {
        if (session == null) {
            Properties p = new Properties();
            p.put("mail.transport.protocol", "smtp");
            p.put("mail.smtp.host", settings.mailHost().orElseThrow());
            p.put("mail.smtp.port", String.valueOf(settings.mailPort()));
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "10000");
            p.put("mail.smtp.writetimeout", "10000");
            p.put("mail.smtp.starttls.enable", String.valueOf(settings.mailStartTls()));
            p.put("mail.smtp.starttls.required", String.valueOf(settings.mailStartTls()));
            Authenticator auth = null;
            if (settings.mailUsername().isPresent()) {
                p.put("mail.smtp.auth", "true");
                String user = settings.mailUsername().get();
                String password = settings.mailPassword().orElse("");
                auth = new Authenticator() {
                    @Override
                    protected PasswordAuthentication getPasswordAuthentication() {
                        return new PasswordAuthentication(user, password);
                    }
                };
            }
            session = Session.getInstance(p, auth);
        }
        return session;
    }
}
