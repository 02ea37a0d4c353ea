package org.modelregistry.interfaces.health;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.modelregistry.infrastructure.persistence.SchemaMigrator;

/**
 * Ready when the database answers and its schema has been migrated. Part of {@link RegistryReadinessCheck}: its
 * details (product, schema version, error text) are for administrators only.
 */
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Resource(lookup = "jdbc/registry")
    DataSource dataSource;

    @EJB
    SchemaMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("database");
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.setQueryTimeout(5);
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                rs.next();
            }
            return response.up()
                    .withData(
                            "product",
                            c.getMetaData().getDatabaseProductName() + " "
                                    + c.getMetaData().getDatabaseProductVersion())
                    .withData("schemaVersion", migrator.schemaVersion())
                    .build();
        } catch (Exception e) {
            return response.down()
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
