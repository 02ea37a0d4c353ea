/**
 * The audit log's domain: {@code AuditEvent} (one state change, chained into a tamper-evident log by the database),
 * the records and rows the log's queries read ({@code AuditRecord}, {@code ChainBreak} and its reason,
 * {@code ChainPoint}, {@code AuditArchive}, {@code AuditBridge}, {@code AuditArchiveCount}), the archive line and the
 * signed drop statement whose text must not change, and the repositories {@code AuditRepository} and
 * {@code AuditArchiveRepository} (with the schema owner's {@code AuditMaintenance}).
 *
 * <p>Contexts it may use (checked by {@code ContextDependenciesTest}): none.
 */
package org.modelregistry.domain.audit;
