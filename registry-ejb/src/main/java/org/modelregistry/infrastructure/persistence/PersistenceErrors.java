package org.modelregistry.infrastructure.persistence;

import java.sql.SQLException;

/** Reads what the database said from the exceptions JPA wraps it in. */
final class PersistenceErrors {

    private PersistenceErrors() {}

    /** PostgreSQL SQLSTATE 23505 (unique_violation), wherever it sits in the cause chain. */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
