package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.count;
import static org.modelregistry.it.Api.createModel;
import static org.modelregistry.it.Api.get;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/** Optimistic concurrency (If-Match) and idempotent retries (Idempotency-Key) under real concurrent requests. */
class ConcurrencyIT extends RegistryDeployment {

    private static final ExecutorService POOL = Executors.newFixedThreadPool(8);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static <T> List<T> together(int n, Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(POOL.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            out.add(f.get());
        }
        return out;
    }

    @Test
    void ofTwoConcurrentPatchesWithTheSameEtagOneWinsAndOneGets412() throws Exception {
        for (int round = 0; round < 10; round++) {
            JsonObject m = createModel(unique("race"), "LOW");
            String path = "/models/" + m.getString("id");
            int r = round;
            List<Integer> statuses = together(
                    2,
                    () -> patch(
                                    path,
                                    "{\"description\":\"writer "
                                            + Thread.currentThread().getName() + " round " + r + "\"}",
                                    "If-Match",
                                    "\"1\"")
                            .status());
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 412);
            assertThat(get(path).json().getInt("revision")).isEqualTo(2);
        }
    }

    @Test
    void aRetriedCreateReturnsTheFirstResult() {
        String key = "create-" + UUID.randomUUID();
        String body = "{\"group\":\"idem\",\"name\":\"" + unique("once") + "\",\"riskTier\":\"LOW\"}";
        Reply first = post("/models", body, "Idempotency-Key", key);
        Reply retry = post("/models", body, "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(retry.json().getString("id")).isEqualTo(first.json().getString("id"));
        assertThat(first.header("Idempotent-Replayed")).isNull();

        Reply reused = post("/models", body.replace("LOW", "HIGH"), "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(ModelApiIT.fields(reused.json())).contains("Idempotency-Key");
        assertThat(post("/models", body, "Idempotency-Key", "x".repeat(300)).status())
                .isEqualTo(400);
    }

    @Test
    void concurrentRetriesWithOneKeyCreateOneModel() throws Exception {
        String key = "burst-" + UUID.randomUUID();
        String name = unique("burst");
        String body = "{\"group\":\"idem\",\"name\":\"" + name + "\",\"riskTier\":\"MEDIUM\"}";
        List<Reply> replies = together(6, () -> post("/models", body, "Idempotency-Key", key));
        assertThat(replies).extracting(Reply::status).containsOnly(201);
        assertThat(replies)
                .extracting(r -> r.json().getString("id"))
                .containsOnly(replies.get(0).json().getString("id"));
        assertThat(count("SELECT count(*) FROM model WHERE model_group = 'idem' AND name = ?", name))
                .isEqualTo(1);
    }

    @Test
    void concurrentCreatesOfOneNameWithoutAKeyGiveOne201AndConflicts() throws Exception {
        String name = unique("clash");
        String body = "{\"group\":\"clash\",\"name\":\"" + name + "\",\"riskTier\":\"LOW\"}";
        List<Integer> statuses = together(4, () -> post("/models", body).status());
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(count("SELECT count(*) FROM model WHERE model_group = 'clash' AND name = ?", name))
                .isEqualTo(1);
    }

    /** Concurrent registrations of one version name: one 201, the others 409 naming the field; one row, one record. */
    @Test
    void concurrentRegistrationsOfOneVersionGiveOne201AndConflictsNamingTheVersion() throws Exception {
        String model = Api.createModel(unique("vclash"), "LOW").getString("id");
        List<Reply> replies = together(6, () -> post("/models/" + model + "/versions", "{\"version\":\"0.7.0\"}"));
        assertThat(replies.stream().map(Reply::status)).containsOnly(201, 409);
        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(1);
        replies.stream()
                .filter(r -> r.status() == 409)
                .forEach(r -> assertThat(ModelApiIT.fields(r.json())).containsExactly("version"));
        assertThat(count("SELECT count(*) FROM model_version WHERE model_id = CAST(? AS uuid)", model))
                .isEqualTo(1);
        assertThat(count(
                        "SELECT count(*) FROM audit_event WHERE action = 'version.created' AND details->>'modelId' = ?",
                        model))
                .isEqualTo(1);
    }
}
