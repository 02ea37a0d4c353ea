package org.modelregistry.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.regex.Pattern;
import org.modelregistry.application.RequestMetadata;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one) that the
 * response, the problem documents, the logs and the audit trail all carry; and sets the headers every API
 * response needs.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String PROPERTY = "registry.requestId";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");

    @Inject
    RequestMetadata metadata;

    @Override
    public void filter(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        if (id == null || !SANE.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        request.setProperty(PROPERTY, id);
        metadata.setRequestId(id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            headers.putSingle(HEADER, id);
        }
        headers.putSingle("X-Content-Type-Options", "nosniff");
        if ("https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme())) {
            headers.putSingle("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        headers.putSingle("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        if (!headers.containsKey("Cache-Control") || response.getStatus() >= 400) {
            headers.putSingle("Cache-Control", "no-store");
        }
    }
}
