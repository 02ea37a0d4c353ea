package org.modelregistry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What an idle registry costs: against a running server that nobody uses, samples PostgreSQL's committed transactions
 * ({@code pg_stat_database.xact_commit} of the registry's database) and the server JVM's CPU time ({@code utime +
 * stime} of {@code /proc/<pid>/stat}) at the start and end of bench.idle.seconds (60), and prints both per second.
 * The benchmark's own two reads of the counter are taken off; PostgreSQL counts every client's transactions, so run
 * it on a database only the registry uses.
 *
 * <p>{@code ./mvnw -Pbenchmark package -Dbench.main=org.modelregistry.bench.IdleCostBenchmark
 * -Dbench.pid=<the server's pid, from usr/servers/.pid/registry.pid>} (bench.jdbc, default the run command's
 * database as its owner; bench.idle.seconds, default 60; bench.idle.windows, default 1: that many windows in a row,
 * to watch a fresh server settle). Each window also names the server's threads that used the most CPU in it (their
 * names as Linux keeps them, {@code /proc/<pid>/task/<tid>/comm}, 15 characters, numbers dropped so that a pool
 * counts as one); threads that started and ended inside the window count in the total only.
 */
public final class IdleCostBenchmark {

    private static final Logger LOG = Logger.getLogger(IdleCostBenchmark.class.getName());

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private IdleCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        String jdbc = registryDatabase();
        long pid = serverPid();
        int seconds = Integer.getInteger("bench.idle.seconds", 60);
        int windows = Integer.getInteger("bench.idle.windows", 1);
        try (Connection c = DriverManager.getConnection(jdbc)) {
            for (int window = 1; window <= windows; window++) {
                long commits = commits(c);
                long ticks = cpuTicks(pid);
                Map<String, Long> threads = threadTicks(pid);
                long started = System.nanoTime();
                Thread.sleep(seconds * 1000L); // a benchmark's measuring window, not a wait for a condition
                double elapsed = (System.nanoTime() - started) / 1e9;
                long commitsAfter = commits(c);
                long ticksAfter = cpuTicks(pid);
                double perSecond = (commitsAfter - commits - 2) / elapsed;
                double core = (ticksAfter - ticks) / (double) CLOCK_TICKS_PER_SECOND / elapsed;
                LOG.info(String.format(
                        Locale.ROOT,
                        "window %d: idle for %.0f s: %.2f transactions/s, %.2f %% of a core (pid %d); busiest: %s",
                        window,
                        elapsed,
                        perSecond,
                        core * 100,
                        pid,
                        busiest(threads, threadTicks(pid), elapsed)));
            }
        }
    }

    /** bench.jdbc (default: the run command's database as its owner), with the owner's password from the keys. */
    static String registryDatabase() {
        BenchCredentials.apply();
        return System.getProperty("bench.jdbc", "jdbc:postgresql://127.0.0.1:15432/registry?user=registry");
    }

    /** bench.pid: the server JVM whose process the benchmark watches through /proc (and jcmd). */
    static long serverPid() {
        long pid = Long.parseLong(System.getProperty("bench.pid", "0"));
        if (pid <= 0) {
            throw new IllegalArgumentException("bench.pid: the Liberty server's process id is needed (its .pid file)");
        }
        return pid;
    }

    /** CPU ticks of each live thread of the process, by task id (with its name). */
    private static Map<String, Long> threadTicks(long pid) throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String name = Files.readString(task.resolve("comm")).trim();
                    ticks.put(task.getFileName() + " " + name, ticksOf(Files.readString(task.resolve("stat"))));
                } catch (IOException ended) {
                    // the thread ended between the listing and the read: it counts in the process's total only
                }
            }
        }
        return ticks;
    }

    /** The five thread groups (names without their numbers) that used the most CPU between two samples. */
    private static String busiest(Map<String, Long> before, Map<String, Long> after, double elapsed) {
        Map<String, Long> groups = new HashMap<>();
        after.forEach((task, ticks) -> {
            String group = task.substring(task.indexOf(' ') + 1).replaceAll("[-#]?\\d+$", "");
            groups.merge(group, ticks - before.getOrDefault(task, 0L), Long::sum);
        });
        return groups.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(5)
                .map(e -> String.format(
                        Locale.ROOT,
                        "%s %.2f %%",
                        e.getKey(),
                        e.getValue() / (double) CLOCK_TICKS_PER_SECOND / elapsed * 100))
                .collect(Collectors.joining(", "));
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
    private static long cpuTicks(long pid) throws IOException {
        return ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
