/**
 * JMS on the Artemis resource adapter: the {@link org.modelregistry.application.jobs.JobPublisher} of the job relay,
 * and the message-driven consumers ({@code <Job>Consumer}) that read a job message of their type and hand it to
 * their context's service. Activation specs and queues are declared in liberty-config's server.xml.
 */
package org.modelregistry.infrastructure.messaging.jms;
