/** Outbound mail: the SMTP sender behind the notification context's {@code MailSender}. */
package org.modelregistry.infrastructure.mail;
