package org.modelregistry.infrastructure.admission;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Permit;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Pool;
import org.modelregistry.infrastructure.admission.AdmissionLimiter.Shed;

/**
 * This server's admission limit, shared by the API's and the console's web modules (one bean per application), and
 * its figures on /metrics: {@code registry_admission_admitted}, {@code registry_admission_shed} (by reason: the
 * limit, or the caller's share), {@code registry_admission_in_flight} and {@code registry_admission_limit}, each by
 * pool. Health, readiness and metrics are Liberty's own endpoints, outside both web modules: overload never sheds
 * them.
 */
@ApplicationScoped
public class Admission {

    /** The request attribute holding the request's {@link Permit}, for the API's per-caller check. */
    public static final String PERMIT = "org.modelregistry.admission.permit";

    /** Artifact content, up or down: the API's and MLflow's artifact proxy (paths as the servlet sees them). */
    private static final Pattern TRANSFER = Pattern.compile(
            "^/api/(v1/models/[^/]+/versions/[^/]+/artifacts/[^/]+/content/?|2\\.0/mlflow-artifacts/artifacts/.+)$");

    @Inject
    AdmissionSettings settings;

    @Inject
    MetricRegistry metrics;

    private AdmissionLimiter limiter;

    @PostConstruct
    void init() {
        limiter = new AdmissionLimiter(settings.maxConcurrent(), settings.maxPerPrincipal(), settings.maxTransfers());
        if (metrics == null) {
            return;
        }
        for (Pool pool : Pool.values()) {
            Tag tag = new Tag("pool", pool.name().toLowerCase(Locale.ROOT));
            metrics.gauge(
                    meta("registry_admission_admitted", "Requests given a slot since start"),
                    () -> limiter.admitted(pool),
                    tag);
            metrics.gauge(
                    meta("registry_admission_in_flight", "Requests holding a slot now"),
                    () -> limiter.inFlight(pool),
                    tag);
            metrics.gauge(
                    meta("registry_admission_limit", "Slots of the pool (registry.admission.*)"),
                    () -> limiter.limit(pool),
                    tag);
            for (Shed reason : Shed.values()) {
                metrics.gauge(
                        meta(
                                "registry_admission_shed",
                                "Requests answered 503 since start (full pool, or the caller's" + " share)"),
                        () -> limiter.shed(pool, reason),
                        tag,
                        new Tag("reason", reason.name().toLowerCase(Locale.ROOT)));
            }
        }
    }

    private static Metadata meta(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    public AdmissionLimiter limiter() {
        return limiter;
    }

    public int retryAfterSeconds() {
        return settings.retryAfterSeconds();
    }

    /** What a web module answers when a request is shed (a problem document, its own way). */
    @FunctionalInterface
    public interface Refusal {
        void refuse(HttpServletRequest request, HttpServletResponse response, Shed reason) throws IOException;
    }

    /** The pool of a request, by its path: artifact content travels apart from the API's other requests. */
    public static Pool poolOf(String requestUri) {
        return requestUri != null && TRANSFER.matcher(requestUri).matches() ? Pool.TRANSFERS : Pool.REQUESTS;
    }

    /**
     * Runs {@code chain} holding a slot, charged to {@code caller} when known here (else the API's JAX-RS filter
     * names the caller once authenticated), or refuses at once. The slot is freed when the request ends: at once,
     * whatever it threw, or when its async processing completes, fails or times out.
     */
    public void run(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, String caller, Refusal refusal)
            throws IOException, ServletException {
        Permit permit = limiter.tryEnter(poolOf(request.getRequestURI()));
        if (permit == null) {
            refuse(request, response, Shed.LIMIT, refusal);
            return;
        }
        boolean async = false;
        try {
            if (caller != null && !permit.claim(caller)) {
                refuse(request, response, Shed.SHARE, refusal);
                return;
            }
            request.setAttribute(PERMIT, permit);
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Release(permit));
                async = true;
            }
        } finally {
            if (!async) {
                permit.close();
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, Shed reason, Refusal refusal)
            throws IOException {
        response.setHeader("Retry-After", Integer.toString(settings.retryAfterSeconds()));
        refusal.refuse(request, response, reason);
    }

    /** What the 503 says, by reason. */
    public static String detail(Shed reason) {
        return reason == Shed.LIMIT
                ? "The registry is at its limit of requests in flight; retry after Retry-After seconds"
                : "You have as many requests in flight as one caller may; retry after Retry-After seconds";
    }

    /** Frees an async request's slot when it ends, whichever way. */
    private record Release(Permit permit) implements AsyncListener {

        @Override
        public void onComplete(AsyncEvent event) {
            permit.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            permit.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            permit.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            event.getAsyncContext().addListener(this); // a re-dispatch starts a new cycle: keep listening
        }
    }
}
