package org.modelregistry.infrastructure.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Pool;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Shed;

class AdmissionTest {

    @Test
    void artifactContentUpAndDownTravelsInTheTransferPoolEverythingElseInTheRequestPool() {
        assertThat(Admission.poolOf("/api/v1/models/m/versions/1.0.0/artifacts/a/content"))
                .isEqualTo(Pool.TRANSFERS);
        assertThat(Admission.poolOf("/api/2.0/mlflow-artifacts/artifacts/x/model.onnx"))
                .isEqualTo(Pool.TRANSFERS);
        // only exactly the content path: a look-alike cannot move an API call out of the request pool
        assertThat(Admission.poolOf("/api/v1/models/m/versions/1.0.0/artifacts/a/content/extra"))
                .isEqualTo(Pool.REQUESTS);
        assertThat(Admission.poolOf("/api/v1/models/content")).isEqualTo(Pool.REQUESTS);
        assertThat(Admission.poolOf("/console/content")).isEqualTo(Pool.REQUESTS);
        assertThat(Admission.poolOf(null)).isEqualTo(Pool.REQUESTS);
    }

    @Test
    void holdsASlotWhileTheRequestRunsAndFreesItAfterwardsEvenWhenItThrows() throws Exception {
        Admission admission = admission(1, 1);
        Fake request = new Fake("/api/v1/models");
        List<Integer> during = new ArrayList<>();
        admission.run(
                request.request(),
                response(new HashMap<>()),
                (q, r) -> during.add(inFlight(admission)),
                null,
                (q, r, reason) -> {
                    throw new AssertionError("not refused");
                });
        assertThat(during).containsExactly(1);
        assertThat(inFlight(admission)).isZero();

        FilterChain failing = (q, r) -> {
            throw new ServletException("the resource failed");
        };
        assertThatThrownBy(() -> admission.run(request.request(), response(new HashMap<>()), failing, "bob", null))
                .isInstanceOf(ServletException.class);
        assertThat(inFlight(admission)).isZero();
        assertThat(admission.limiter().heldBy(Pool.REQUESTS, "bob")).isZero();
    }

    @Test
    void anAsyncRequestKeepsItsSlotUntilItCompletes() throws Exception {
        Admission admission = admission(1, 1);
        Fake request = new Fake("/api/v1/models");
        request.async = true;
        admission.run(request.request(), response(new HashMap<>()), (q, r) -> {}, "carol", null);
        assertThat(inFlight(admission)).isEqualTo(1);
        assertThat(request.listeners).hasSize(1);
        request.listeners.get(0).onComplete(new AsyncEvent(request.context));
        request.listeners.get(0).onError(new AsyncEvent(request.context)); // a second end frees nothing more
        assertThat(inFlight(admission)).isZero();
        assertThat(admission.limiter().heldBy(Pool.REQUESTS, "carol")).isZero();
    }

    @Test
    void refusesAtOnceWithRetryAfterWhenFullOrWhenTheCallerHoldsItsShare() throws Exception {
        Admission admission = admission(2, 1);
        List<Shed> refused = new ArrayList<>();
        Map<String, String> headers = new HashMap<>();
        FilterChain nested = (q, r) -> {
            // inside the first request of dave: his second is refused for his share, erin's third for the limit
            admission.run(
                    new Fake("/api/v1/models").request(),
                    response(headers),
                    (a, b) -> {},
                    "dave",
                    (a, b, s) -> refused.add(s));
            admission.run(
                    new Fake("/api/v1/models").request(),
                    response(headers),
                    (a, b) -> admission.run(
                            new Fake("/api/v1/x").request(),
                            response(headers),
                            (c, d) -> {},
                            "frank",
                            (c, d, s) -> refused.add(s)),
                    "erin",
                    (a, b, s) -> refused.add(s));
        };
        admission.run(new Fake("/api/v1/models").request(), response(headers), nested, "dave", null);
        assertThat(refused).containsExactly(Shed.SHARE, Shed.LIMIT);
        assertThat(headers).containsEntry("Retry-After", "7");
        assertThat(inFlight(admission)).isZero();
    }

    private static int inFlight(Admission admission) {
        return admission.limiter().inFlight(Pool.REQUESTS);
    }

    private static Admission admission(int max, int perPrincipal) {
        AdmissionSettings settings = new AdmissionSettings();
        settings.maxConcurrent = max;
        settings.maxPerPrincipal = perPrincipal;
        settings.maxTransfers = 1;
        settings.retryAfterSeconds = 7;
        settings.check();
        Admission admission = new Admission();
        admission.settings = settings;
        admission.init();
        return admission;
    }

    private static HttpServletResponse response(Map<String, String> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(
                AdmissionTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (p, m, a) -> {
                    if (m.getName().equals("setHeader")) {
                        headers.put((String) a[0], (String) a[1]);
                    }
                    return null;
                });
    }

    /** A request that may go async, keeping the listeners added to its async context. */
    private static final class Fake {
        final String uri;
        final List<AsyncListener> listeners = new ArrayList<>();
        final AsyncContext context;
        boolean async;

        Fake(String uri) {
            this.uri = uri;
            this.context = (AsyncContext) Proxy.newProxyInstance(
                    AdmissionTest.class.getClassLoader(), new Class<?>[] {AsyncContext.class}, (p, m, a) -> {
                        if (m.getName().equals("addListener")) {
                            listeners.add((AsyncListener) a[0]);
                        }
                        return null;
                    });
        }

        HttpServletRequest request() {
            return (HttpServletRequest) Proxy.newProxyInstance(
                    AdmissionTest.class.getClassLoader(),
                    new Class<?>[] {HttpServletRequest.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "getRequestURI" -> uri;
                        case "isAsyncStarted" -> async;
                        case "getAsyncContext" -> context;
                        default -> null;
                    });
        }
    }
}
