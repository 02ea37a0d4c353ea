package org.modelregistry.infrastructure.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hibernate.search.engine.common.timing.spi.TimingSource;
import org.hibernate.search.mapper.pojo.mapping.definition.annotation.AnnotatedTypeSource;
import org.hibernate.search.mapper.pojo.standalone.mapping.CloseableSearchMapping;
import org.hibernate.search.mapper.pojo.standalone.mapping.SearchMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchClockTest {

    private static final String ENGINE_THREAD = "Hibernate Search - Engine - Timing thread";

    @TempDir
    Path dir;

    @Test
    void theLuceneBackendsClockMovesToTheCoarseExecutorAndKeepsTime() throws Exception {
        SearchBackend lucene =
                new SearchBackend(null, null, null, Optional.empty(), Optional.empty(), Optional.empty(), 500);
        try (CloseableSearchMapping mapping = SearchMapping.builder(
                        AnnotatedTypeSource.fromClasses(CatalogDocument.class))
                .properties(lucene.properties(dir.resolve("lucene"), true))
                .build()) {
            assertThat(threadNamed(ENGINE_THREAD))
                    .as("the engine's own 5 ms clock runs")
                    .isTrue();

            assertThat(SearchClock.coarsen(mapping)).isTrue();

            await().atMost(Duration.ofSeconds(10)).until(() -> !threadNamed(ENGINE_THREAD));
            assertThat(threadNamed(SearchClock.THREAD_NAME)).isTrue();
            TimingSource clock = timingSource(mapping);
            long start = clock.monotonicTimeEstimate();
            await().atMost(Duration.ofSeconds(10)).until(() -> clock.monotonicTimeEstimate() >= start + 200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !threadNamed(SearchClock.THREAD_NAME));
    }

    @Test
    void fixedRateTasksRunNoMoreOftenThanThePeriod() {
        SearchClock.CoarseExecutor executor = new SearchClock.CoarseExecutor(50);
        try {
            ScheduledFuture<?> tick = executor.scheduleAtFixedRate(() -> {}, 5, 5, TimeUnit.MILLISECONDS);
            assertThat(tick.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(20);
            ScheduledFuture<?> slow = executor.scheduleAtFixedRate(() -> {}, 1, 1, TimeUnit.SECONDS);
            assertThat(slow.getDelay(TimeUnit.MILLISECONDS)).isGreaterThan(900);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aMappingOfAnotherShapeKeepsItsClock() {
        assertThat(SearchClock.coarsen(new Object())).isFalse();
    }

    private static boolean threadNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().contains(prefix));
    }

    private static TimingSource timingSource(Object mapping) throws ReflectiveOperationException {
        Method integrationOf = mapping.getClass().getDeclaredMethod("searchIntegration");
        integrationOf.setAccessible(true);
        Object integration = integrationOf.invoke(mapping);
        Field field = integration.getClass().getDeclaredField("timingSource");
        field.setAccessible(true);
        return (TimingSource) field.get(integration);
    }
}
