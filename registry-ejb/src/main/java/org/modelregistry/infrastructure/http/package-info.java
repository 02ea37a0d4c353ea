/**
 * Outbound HTTP made on users' behalf (deployment targets, webhooks): the host policy that keeps such calls away
 * from internal addresses, and the client that connects only to addresses the policy checked and reads answers up
 * to a bound.
 */
package org.modelregistry.infrastructure.http;
