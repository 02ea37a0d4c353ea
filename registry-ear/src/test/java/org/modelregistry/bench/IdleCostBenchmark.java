package org.modelregistry.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * What an idle registry costs: against a running server that nobody uses, samples PostgreSQL's committed transactions
 * ({@code pg_stat_database.xact_commit} of the registry's database) and the server JVM's CPU time ({@code utime +
 * stime} of {@code /proc/<pid>/stat}) at the start and end of bench.idle.seconds (60), and prints both per second.
 * The benchmark's own two reads of the counter are taken off; PostgreSQL counts every client's transactions, so run
 * it on a database only the registry uses.
 *
 * <p>{@code ./mvnw -Pbenchmark package -Dbench.main=org.modelregistry.bench.IdleCostBenchmark
 * -Dbench.pid=<the server's pid, from usr/servers/.pid/registry.pid>} (bench.jdbc, default the run command's
 * database as its owner; bench.idle.seconds, default 60)
 */
public final class IdleCostBenchmark {

    private static final Logger LOG = Logger.getLogger(IdleCostBenchmark.class.getName());

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private IdleCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchCredentials.apply();
        String jdbc = System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:15432/registry?user=registry");
        long pid = Long.parseLong(System.getProperty("bench.pid", "0"));
        if (pid <= 0) {
            throw new IllegalArgumentException("bench.pid: the Liberty server's process id is needed (its .pid file)");
        }
        int seconds = Integer.getInteger("bench.idle.seconds", 60);
        try (Connection c = DriverManager.getConnection(jdbc)) {
            long commits = commits(c);
            long ticks = cpuTicks(pid);
            long started = System.nanoTime();
            Thread.sleep(seconds * 1000L); // a benchmark's measuring window, not a wait for a condition
            double elapsed = (System.nanoTime() - started) / 1e9;
            long commitsAfter = commits(c);
            long ticksAfter = cpuTicks(pid);
            double perSecond = (commitsAfter - commits - 2) / elapsed;
            double core = (ticksAfter - ticks) / (double) CLOCK_TICKS_PER_SECOND / elapsed;
            LOG.info(String.format(
                    Locale.ROOT,
                    "idle for %.0f s: %.2f transactions/s, %.2f %% of a core (pid %d)",
                    elapsed,
                    perSecond,
                    core * 100,
                    pid));
        }
    }

    private static long commits(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** utime + stime of the process, fields 14 and 15 of /proc/pid/stat (after the name in parentheses). */
    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
