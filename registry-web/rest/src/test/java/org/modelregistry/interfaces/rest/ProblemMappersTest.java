package org.modelregistry.interfaces.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ejb.EJBException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    /** As an Object: an SQLException is also an Iterable, which would make AssertJ's assertThat ambiguous. */
    private static Object unreachable(Throwable thrown) {
        return ProblemMappers.databaseUnreachable(thrown);
    }

    @Test
    void aLostConnectionDeepInTheCauseChainIsADatabaseOutage() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:15432 refused", "08001");
        EJBException thrown = new EJBException(new IllegalStateException("Exception [EclipseLink-4002]", refused));
        assertThat(unreachable(thrown)).isSameAs(refused);
    }

    @Test
    void aServerThatCrashedOrIsRecoveringIsADatabaseOutage() {
        assertThat(unreachable(new SQLException("terminating connection", "57P01")))
                .isNotNull();
        assertThat(unreachable(new SQLException("crash shutdown", "57P02"))).isNotNull();
        assertThat(unreachable(new SQLException("the database system is starting up", "57P03")))
                .isNotNull();
    }

    @Test
    void aNextExceptionThatLostTheConnectionCounts() {
        SQLException batch = new SQLException("Batch entry 0 was aborted", "22000");
        SQLException io = new SQLException("An I/O error occurred while sending to the backend", "08006");
        batch.setNextException(io);
        assertThat(unreachable(new RuntimeException(batch))).isSameAs(io);
    }

    @Test
    void otherDatabaseErrorsStayBugs() {
        // a constraint violation, a syntax error, a timeout, an error without a state: not an outage, not a 503
        assertThat(unreachable(new SQLException("duplicate key", "23505"))).isNull();
        assertThat(unreachable(new SQLException("syntax error", "42601"))).isNull();
        assertThat(unreachable(new SQLException("canceling statement", "57014")))
                .isNull();
        assertThat(unreachable(new RuntimeException(new SQLException("no state"))))
                .isNull();
        assertThat(unreachable(new IllegalStateException("not SQL at all"))).isNull();
    }
}
