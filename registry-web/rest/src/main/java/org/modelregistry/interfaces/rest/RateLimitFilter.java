package org.modelregistry.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.modelregistry.infrastructure.security.RateLimits;

/**
 * Per-principal rate limits: {@code registry.ratelimit.per-minute} requests a minute (default 3000), or for a role
 * {@code registry.ratelimit.per-minute.<ROLE>}; a principal with several roles gets the highest of their limits.
 * Over it: 429 with {@code Retry-After}. The budgets are the cluster's ({@link RateLimits}): all servers count
 * together. Anonymous calls (the token endpoints) are throttled by the login throttle.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 50)
public class RateLimitFilter implements ContainerRequestFilter {

    private static final List<String> ROLES =
            List.of(Roles.VIEWER, Roles.CONTRIBUTOR, Roles.REVIEWER, Roles.DEPLOYER, Roles.AUDITOR, Roles.ADMIN);
    private static final Map<String, Long> LIMITS = new ConcurrentHashMap<>();

    @Inject
    RateLimits rateLimits;

    @Override
    public void filter(ContainerRequestContext request) {
        SecurityContext security = request.getSecurityContext();
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal == null) {
            return;
        }
        rateLimits.charge(principal.getName(), limitFor(security));
    }

    private static long limitFor(SecurityContext security) {
        long best = 0;
        for (String role : ROLES) {
            if (security.isUserInRole(role)) {
                best = Math.max(best, configured(role));
            }
        }
        return best > 0 ? best : configured(null);
    }

    private static long configured(String role) {
        return LIMITS.computeIfAbsent(role == null ? "" : role, r -> {
            Config config = ConfigProvider.getConfig();
            long fallback = config.getOptionalValue("registry.ratelimit.per-minute", Long.class)
                    .orElse(3000L);
            return r.isEmpty()
                    ? fallback
                    : config.getOptionalValue("registry.ratelimit.per-minute." + r, Long.class)
                            .orElse(fallback);
        });
    }
}
