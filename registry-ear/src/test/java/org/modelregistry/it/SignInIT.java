package org.modelregistry.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.modelregistry.it.Api.patch;
import static org.modelregistry.it.Api.post;
import static org.modelregistry.it.Api.unique;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.modelregistry.it.Api.Reply;

/**
 * {@code POST /api/v1/auth/token} as an attacker tries it: enumerating user names by timing, guessing one password
 * with many concurrent requests, filling the server's memory with huge names, and a CI runner behind one NAT address
 * that must keep signing in while its neighbours fail. The IT server trusts X-Forwarded-For from 127.0.0.1 (it
 * stands for a proxy), so each test names its own client addresses and no test locks out another.
 */
class SignInIT extends RegistryDeployment {

    private static final String FORWARDED = "X-Forwarded-For";

    private static Reply signIn(String user, String password, String address) {
        return post(
                "/auth/token",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}",
                Api.NO_AUTH,
                "",
                FORWARDED,
                address);
    }

    private static Reply signInWithKey(String apiKey, String address) {
        return post("/auth/token", "{\"apiKey\":\"" + apiKey + "\"}", Api.NO_AUTH, "", FORWARDED, address);
    }

    private static String createUser(boolean active) {
        String name = unique("signin");
        Reply created = post(
                "/users",
                "{\"username\":\"" + name + "\",\"password\":\"the-right-password-1\","
                        + "\"memberships\":[{\"organization\":\"default\",\"role\":\"VIEWER\"}]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        if (!active) {
            assertThat(patch("/users/" + created.json().getString("id"), "{\"active\":false}")
                            .status())
                    .isEqualTo(200);
        }
        return name;
    }

    private static long timedFailure(String user, String address) {
        long start = System.nanoTime();
        Reply r = signIn(user, "a-wrong-password-99", address);
        long took = System.nanoTime() - start;
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        return took;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void unknownInactiveAndRealUsersCostTheSameTime() {
        String real = createUser(true);
        String inactive = createUser(false);
        int n = 15;
        long[] unknown = new long[n];
        long[] disabled = new long[n];
        long[] wrong = new long[n];
        for (int i = 0; i < 3; i++) { // warm up every path (and the dummy hash) before measuring
            timedFailure("nobody-" + unique("w"), "198.51.100." + (200 + i));
            timedFailure(inactive, "198.51.100." + (210 + i));
            timedFailure(real, "198.51.100." + (220 + i));
        }
        // interleaved, each attempt from its own address so that no lock-out interferes
        for (int i = 0; i < n; i++) {
            unknown[i] = timedFailure("nobody-" + unique("t"), "198.51.100." + (1 + i));
            disabled[i] = timedFailure(inactive, "198.51.100." + (50 + i));
            wrong[i] = timedFailure(real, "198.51.100." + (100 + i));
        }
        double a = median(unknown);
        double b = median(disabled);
        double c = median(wrong);
        double max = Math.max(a, Math.max(b, c));
        double min = Math.min(a, Math.min(b, c));
        assertThat(max / min)
                .as("medians (ms): unknown %.1f, inactive %.1f, wrong password %.1f", a / 1e6, b / 1e6, c / 1e6)
                .isLessThanOrEqualTo(1.2);
    }

    @Test
    void thirtyConcurrentGuessesGetFivePasswordChecksAndTheRest429() throws Exception {
        String victim = createUser(true);
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int guess = i;
            replies.add(pool.submit(() -> {
                go.await();
                return signIn(victim, "guess-number-" + guess, "203.0.113.30");
            }));
        }
        go.countDown();
        int refused = 0;
        int throttled = 0;
        for (Future<Reply> f : replies) {
            Reply r = f.get(2, TimeUnit.MINUTES);
            if (r.status() == 401) {
                refused++;
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(429);
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
                throttled++;
            }
        }
        pool.shutdown();
        assertThat(refused).as("password checks").isEqualTo(5);
        assertThat(throttled).isEqualTo(25);
        // the right password is locked out from that address too, but not from another one
        assertThat(signIn(victim, "the-right-password-1", "203.0.113.30").status())
                .isEqualTo(429);
        assertThat(signIn(victim, "the-right-password-1", "203.0.113.31").status())
                .isEqualTo(200);
    }

    @Test
    void aMegabyteUserNameIsABadRequestAnsweredAtOnce() {
        String huge = "u".repeat(1_000_000);
        long start = System.nanoTime();
        Reply r = signIn(huge, "whatever-password", "203.0.113.40");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.status())
                .as(r.body().substring(0, Math.min(300, r.body().length())))
                .isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("username");
        assertThat(r.body()).doesNotContain("uuuuuuuuuu");
        assertThat(millis).as("no hashing, no lock-out bookkeeping").isLessThan(3000);
        // a NUL character is refused with every other body string (RequestJson), before the user name rule
        Reply nul = signIn("bad\\u0000name", "whatever-password", "203.0.113.40");
        assertThat(nul.status()).as(nul.body()).isEqualTo(422);
        assertThat(nul.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("username");
    }

    @Test
    void aTwoKibibytePasswordIsABadRequest() {
        Reply r = signIn(createUser(true), "p".repeat(2048), "203.0.113.41");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getJsonArray("errors").getJsonObject(0).getString("field"))
                .isEqualTo("password");
        assertThat(r.body()).doesNotContain("pppppppppp");
    }

    @Test
    void validApiKeysAreNeverLockedOutByTheirAddress() {
        String name = unique("ci");
        Reply created = post(
                "/service-accounts",
                "{\"name\":\"" + name + "\",\"organization\":\"default\","
                        + "\"role\":\"VIEWER\",\"expiresInDays\":1}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String apiKey = created.json().getString("apiKey");
        String nat = "192.0.2.77";
        // a busy runner succeeds many times: none of that is charged to the address
        for (int i = 0; i < 60; i++) {
            assertThat(signInWithKey(apiKey, nat).status()).isEqualTo(200);
        }
        assertThat(signIn("nobody-" + unique("n"), "a-wrong-password", nat).status())
                .as("the address still has its failures")
                .isEqualTo(401);
        // a neighbour behind the same address uses up the address' failures with bad keys
        int i = 0;
        Reply bad;
        do {
            bad = signInWithKey("mr_AAAAAAAAAAAA_" + "x".repeat(43), nat);
            i++;
        } while (bad.status() == 401 && i < 200);
        assertThat(bad.status())
                .as("the address is locked out after %d bad keys", i)
                .isEqualTo(429);
        assertThat(signIn("nobody-" + unique("n"), "a-wrong-password", nat).status())
                .isEqualTo(429);
        // the runner's valid key still signs in
        for (int k = 0; k < 5; k++) {
            assertThat(signInWithKey(apiKey, nat).status()).isEqualTo(200);
        }
    }
}
