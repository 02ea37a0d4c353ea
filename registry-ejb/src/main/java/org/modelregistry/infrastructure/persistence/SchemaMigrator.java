package org.modelregistry.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.modelregistry.infrastructure.config.ServerSettings;

/**
 * Brings the schema up to date with Flyway when the application starts, before any request is served (the
 * application is not started until this singleton's start-up completes). Migrations come from the top-level
 * {@code db/} folder, packaged as {@code db/migration} in this module. On Liberty, Flyway only finds a classpath
 * folder that holds a {@code flyway.location} marker file, hence the empty markers in db/migration and db/callback.
 *
 * <p>Flyway runs as the schema owner ({@code jdbc/registry-owner}); the application's own data source
 * ({@code jdbc/registry}) may log in as another role. When it does, that role is granted what the application
 * needs after every migration, and on the audit log no more ({@link DatabaseRoles}).
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway commits each migration itself
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/registry")
    DataSource dataSource;

    @Resource(lookup = "jdbc/registry-owner")
    DataSource ownerDataSource;

    @Inject
    ServerSettings settings;

    private volatile String schemaVersion = "unknown";

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(ownerDataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
        if (settings.migrate()) {
            MigrateResult result = flyway.migrate();
            LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                    + " migrations applied now)");
            grantApplicationRole();
        } else {
            flyway.validate();
        }
        var current = flyway.info().current();
        schemaVersion = current == null ? "empty" : current.getVersion().getVersion();
    }

    private void grantApplicationRole() {
        try (Connection owner = ownerDataSource.getConnection();
                Connection app = dataSource.getConnection()) {
            String ownerRole = currentUser(owner);
            String appRole = currentUser(app);
            if (ownerRole.equals(appRole)) {
                LOG.warning(() -> "The application connects as the schema owner " + ownerRole + ": it could rewrite"
                        + " the audit log's tables itself. Give it a login of its own (registry.db.user, with"
                        + " registry.db.owner-user for migrations; docs/operations.md)");
                return;
            }
            owner.setAutoCommit(false);
            int tables = DatabaseRoles.grant(owner, appRole);
            owner.commit();
            LOG.info(() -> "Granted the application's role " + appRole + " its rights on " + tables
                    + " tables (audit log: SELECT/INSERT only)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot grant the application's database role its rights", e);
        }
    }

    private static String currentUser(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    public String schemaVersion() {
        return schemaVersion;
    }
}
