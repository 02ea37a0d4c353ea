package org.modelregistry.domain.identity;

import java.util.List;

/**
 * The tables that keep secrets at rest, encrypted per column: the table, the name its audit records use, and the
 * secret columns. Each has an {@code id}, an {@code organization_id} and a {@code secrets_sealed} flag (V17).
 */
public enum SecretTable {
    DEPLOYMENT_TARGET("deployment_target", "deployment-target", List.of("secret", "token", "event_secret")),
    WEBHOOK_SUBSCRIPTION("webhook_subscription", "webhook", List.of("secret"));

    private final String table;
    private final String auditName;
    private final List<String> columns;

    SecretTable(String table, String auditName, List<String> columns) {
        this.table = table;
        this.auditName = auditName;
        this.columns = columns;
    }

    public String table() {
        return table;
    }

    public String auditName() {
        return auditName;
    }

    public List<String> columns() {
        return columns;
    }
}
