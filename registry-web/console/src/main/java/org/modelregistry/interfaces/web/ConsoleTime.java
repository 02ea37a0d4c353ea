package org.modelregistry.interfaces.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How pages write a moment ({@code #{consoleTime.of(run.requestedAt())}}): to the second, in UTC, saying so. */
@Named
@ApplicationScoped
public class ConsoleTime {

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    /** The moment in UTC, or a dash when there is none. */
    public String of(OffsetDateTime moment) {
        return moment == null
                ? "—"
                : moment.withOffsetSameInstant(ZoneOffset.UTC).format(SECOND);
    }
}
