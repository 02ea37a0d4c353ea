package org.modelregistry.infrastructure.search;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hibernate.search.engine.common.timing.spi.TimingSource;

/**
 * A coarser clock for Hibernate Search's index intervals.
 *
 * <p>Once the Lucene backend has a commit or a refresh interval, Hibernate Search's timing source updates its clock
 * every 5 ms on a thread of its own ({@code DefaultTimingSource}, not configurable), for the life of the server: 200
 * wake-ups a second, a quarter of a percent of a core on a server nobody calls (docs/performance.md#idle-cost). The
 * clock serves only to tell when the index's commit (1 s) and refresh (500 ms) intervals have passed, and query
 * timeouts, which the registry does not set. So this moves the clock to an executor that ticks at most every
 * {@link #PERIOD_MILLIS}: those intervals may then end up to that much later.
 *
 * <p>The engine gives no setting for it, so this reaches into its internals by reflection, right after the mapping is
 * built and before anything reads or writes the index. Whatever it does not find as expected (another Hibernate Search
 * version) leaves the engine's own clock as it was, with a warning: a few tenths of a percent of a core, not an error.
 */
final class SearchClock {

    private static final Logger LOG = Logger.getLogger(SearchClock.class.getName());

    /** How often the clock ticks at most; the engine's own clock ticks every 5 ms. */
    static final long PERIOD_MILLIS = 100;

    static final String THREAD_NAME = "registry-search-clock";

    private static final String DEFAULT_SOURCE = "org.hibernate.search.engine.common.timing.impl.DefaultTimingSource";

    private SearchClock() {}

    /**
     * Moves the running clock of {@code mapping}'s engine to a coarse executor; false if no clock runs or it cannot
     * (then the engine's clock stays).
     */
    static boolean coarsen(Object mapping) {
        try {
            Method integrationOf = mapping.getClass().getDeclaredMethod("searchIntegration");
            integrationOf.setAccessible(true);
            Object integration = integrationOf.invoke(mapping);
            Object source = read(integration, "timingSource");
            Object threads = read(integration, "engineThreads");
            if (!(source instanceof TimingSource timing)
                    || !source.getClass().getName().equals(DEFAULT_SOURCE)) {
                return keep("its timing source is a "
                        + (source == null ? "null" : source.getClass().getName()));
            }
            if (read(source, "future") == null) {
                return false; // no interval to time (a backend that keeps them itself): no clock runs
            }
            Field executorField = threads.getClass().getDeclaredField("timingExecutor");
            executorField.setAccessible(true);
            synchronized (threads) { // EngineThreads creates its executor under this lock
                Object engineExecutor = executorField.get(threads);
                CoarseExecutor coarse = new CoarseExecutor(PERIOD_MILLIS);
                executorField.set(threads, coarse);
                synchronized (timing) { // DefaultTimingSource starts and stops its clock under this lock
                    timing.stop();
                    timing.ensureTimeEstimateIsInitialized(); // scheduled on the coarse executor now
                }
                if (engineExecutor instanceof ScheduledExecutorService old) {
                    old.shutdownNow();
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            LOG.log(Level.FINE, "Hibernate Search's clock could not be coarsened", cause);
            return keep(cause.toString());
        }
    }

    private static Object read(Object owner, String name) throws ReflectiveOperationException {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    private static boolean keep(String why) {
        LOG.warning(() -> "Hibernate Search's index clock keeps ticking every 5 ms (" + why
                + "): an idle server spends about 0.25 % of a core more on it");
        return false;
    }

    /** A one-thread scheduler whose fixed-rate tasks run at most every {@code minPeriodMillis}. */
    static final class CoarseExecutor extends ScheduledThreadPoolExecutor {

        private final long minPeriodMillis;

        CoarseExecutor(long minPeriodMillis) {
            super(1, runnable -> {
                Thread thread = new Thread(runnable, THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
            this.minPeriodMillis = minPeriodMillis;
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
            long min = unit.convert(minPeriodMillis, TimeUnit.MILLISECONDS);
            return super.scheduleAtFixedRate(task, Math.max(initialDelay, min), Math.max(period, min), unit);
        }
    }
}
