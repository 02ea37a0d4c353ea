package org.modelregistry.infrastructure.mail;

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
import org.modelregistry.application.notification.MailSender;
import org.modelregistry.application.notification.MailSettings;

/** Sends mail through Jakarta Mail (Liberty's mail-2.1) to the SMTP server of {@link MailSettings}. */
@ApplicationScoped
public class SmtpMailSender implements MailSender {

    @Inject
    MailSettings settings;

    private volatile Session session;

    /** The error kept with the mail is the exception as it prints ({@code jakarta.mail.MessagingException: ...}). */
    @Override
    public void send(String to, String subject, String text) throws NotSentException {
        try {
            MimeMessage message = new MimeMessage(session());
            message.setFrom(new InternetAddress(settings.from()));
            message.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(subject, "UTF-8");
            message.setText(text, "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new NotSentException(e.toString(), e);
        }
    }

    private Session session() {
        if (session == null) {
            Properties p = new Properties();
            p.put("mail.transport.protocol", "smtp");
            p.put("mail.smtp.host", settings.host().orElseThrow());
            p.put("mail.smtp.port", String.valueOf(settings.port()));
            p.put("mail.smtp.connectiontimeout", "10000");
            p.put("mail.smtp.timeout", "10000");
            p.put("mail.smtp.writetimeout", "10000");
            p.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
            p.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
            Authenticator auth = null;
            if (settings.username().isPresent()) {
                p.put("mail.smtp.auth", "true");
                String user = settings.username().get();
                String password = settings.password().orElse("");
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
