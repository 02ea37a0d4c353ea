package org.modelregistry.interfaces.rest;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.function.Supplier;
import org.modelregistry.api.common.IdempotencyService;
import org.modelregistry.api.common.IdempotencyService.StoredResponse;
import org.modelregistry.api.problem.IdempotencyRetryException;
import org.modelregistry.domain.shared.Digests;

/**
 * Runs a create under an {@code Idempotency-Key}: the first request creates and its response is stored; a retry
 * gets that same response (with {@code Idempotent-Replayed: true}) instead of a duplicate.
 */
@ApplicationScoped
public class IdempotentCreate {

    public static final String HEADER = "Idempotency-Key";

    @EJB
    IdempotencyService idempotency;

    /**
     * @param key    the header's value, or null to just run {@code create}
     * @param create runs the create and returns its 201 response as stored form
     */
    public Response run(
            String key,
            SecurityContext security,
            String method,
            String path,
            String body,
            Supplier<StoredResponse> create) {
        StoredResponse response;
        if (key == null) {
            response = create.get();
        } else {
            String principal = security.getUserPrincipal() == null
                    ? "anonymous"
                    : security.getUserPrincipal().getName();
            String fingerprint = Digests.sha256Hex(method + " " + path + "\n" + body);
            try {
                response = idempotency.execute(principal, key, fingerprint, create);
            } catch (IdempotencyRetryException e) {
                // the twin request has committed by now: this replays its response
                response = idempotency.execute(principal, key, fingerprint, create);
            }
        }
        Response.ResponseBuilder builder = Response.status(response.status())
                .type("application/json")
                .entity(response.body())
                .tag(Http.etag(response.revision()));
        if (response.location() != null) {
            builder.location(URI.create(response.location()));
        }
        if (response.replayed()) {
            builder.header("Idempotent-Replayed", "true");
        }
        return builder.build();
    }
}
