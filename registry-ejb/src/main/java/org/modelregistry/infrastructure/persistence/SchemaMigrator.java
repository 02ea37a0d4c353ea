package org.modelregistry.infrastructure.persistence;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.modelregistry.infrastructure.config.RegistrySettings;

/**
 * Brings the schema up to date with Flyway when the application starts, before any request is served (the
 * application is not started until this singleton's start-up completes). Migrations come from the top-level
 * {@code db/} folder, packaged as {@code db/migration} in this module. On Liberty, Flyway only finds a classpath
 * folder that holds a {@code flyway.location} marker file, hence the empty markers in db/migration and db/callback.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // Flyway commits each migration itself
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/registry")
    DataSource dataSource;

    @Inject
    RegistrySettings settings;

    private volatile String schemaVersion = "unknown";

    @PostConstruct
    void migrate() {
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .validateMigrationNaming(true)
                .load();
        if (settings.migrate()) {
            MigrateResult result = flyway.migrate();
            LOG.info(() -> "Database schema at version " + result.targetSchemaVersion + " ("
                    + result.migrationsExecuted + " migrations applied now)");
        } else {
            flyway.validate();
        }
        var current = flyway.info().current();
        schemaVersion = current == null ? "empty" : current.getVersion().getVersion();
    }

    public String schemaVersion() {
        return schemaVersion;
    }
}
