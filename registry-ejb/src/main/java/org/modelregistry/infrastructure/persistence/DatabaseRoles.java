package org.modelregistry.infrastructure.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the application's database role may do, granted by the schema owner after every migration (tables added by
 * later migrations are covered the next time the server starts). Everything the application reads and writes,
 * except the governance records ({@link #RECORDS}: read and append only) and the audit log: there it may read, append
 * records and checkpoints, and nothing else. It cannot update, delete or truncate a record, alter a table or switch
 * off its triggers (only an owner can), and it cannot write
 * the archive, bridge and count tables at all: archiving and dropping months go through the owner's login, and
 * linking records into the chain and creating partitions through functions that run with the owner's rights and do
 * only that (db/V9, V8, V18). docs/operations.md shows the same grants for an operator's own PostgreSQL.
 */
final class DatabaseRoles {

    /** Tables the application appends to and reads; every other audit_* table (and partition) it only reads. */
    private static final Set<String> APPEND_ONLY = Set.of("audit_event", "audit_checkpoint");
    /**
     * Governance records the application writes once and never changes: approvals, review snapshots, alias moves,
     * policy revisions and verdicts. Append-only for its login too, so a change of them cannot hide in an UPDATE.
     */
    private static final Set<String> RECORDS =
            Set.of("approval", "review_snapshot", "model_alias_history", "policy_revision", "policy_evaluation");

    private static final Set<String> READ_ONLY =
            Set.of("audit_chain_head", "audit_archive", "audit_bridge", "audit_archive_count", "flyway_schema_history");

    private DatabaseRoles() {}

    /** @return how many tables it granted rights on */
    static int grant(Connection owner, String appRole) throws SQLException {
        String role = identifier(appRole);
        List<String[]> relations = new ArrayList<>();
        try (Statement s = owner.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname, c.relkind::text FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
                        + " AND c.relkind IN ('r', 'p', 'v', 'm', 'S')")) {
            while (rs.next()) {
                relations.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        int tables = 0;
        try (Statement s = owner.createStatement()) {
            s.execute("GRANT USAGE ON SCHEMA " + identifier(currentSchema(owner)) + " TO " + role);
            for (String[] relation : relations) {
                String name = relation[0];
                String quoted = identifier(name);
                boolean audit = name.startsWith("audit_") || READ_ONLY.contains(name);
                if (relation[1].equals("S")) {
                    // the chain's sequence is drawn by the linking function alone
                    s.execute((audit
                                    ? "REVOKE ALL ON SEQUENCE " + quoted + " FROM "
                                    : "GRANT USAGE, SELECT, UPDATE ON SEQUENCE " + quoted + " TO ")
                            + role);
                    continue;
                }
                tables++;
                if (RECORDS.contains(name)) {
                    s.execute("REVOKE ALL ON " + quoted + " FROM " + role);
                    s.execute("GRANT SELECT, INSERT ON " + quoted + " TO " + role);
                    continue;
                }
                if (!audit) {
                    s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON " + quoted + " TO " + role);
                    continue;
                }
                // rights granted by an earlier version (or by hand) go first: what follows is all there is
                s.execute("REVOKE ALL ON " + quoted + " FROM " + role);
                if (APPEND_ONLY.contains(name)) {
                    s.execute("GRANT SELECT, INSERT ON " + quoted + " TO " + role);
                } else if (READ_ONLY.contains(name)) {
                    s.execute("GRANT SELECT ON " + quoted + " TO " + role);
                }
                // the monthly partitions: nothing directly; reads and inserts go through audit_event
            }
        }
        return tables;
    }

    private static String currentSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
