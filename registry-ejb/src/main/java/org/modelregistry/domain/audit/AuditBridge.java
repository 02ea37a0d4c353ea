package org.modelregistry.domain.audit;

/**
 * Kept when a month is dropped (audit_bridge): a remaining record whose predecessor was in the month, and that
 * predecessor's hash, so that verification can still check the record's link.
 *
 * @param month the dropped month as YYYY-MM
 */
public record AuditBridge(Long seq, String prevHash, String month) {}
