package org.modelregistry.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.modelregistry.api.problem.PayloadTooLargeException;

/**
 * Caps JSON request bodies at {@code registry.api.max-body-bytes} (default 1 MiB): by their Content-Length when they
 * declare one, else while they are read. Artifact content has its own, much larger limit.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class BodyLimitFilter implements ContainerRequestFilter {

    private static final long MAX = ConfigProvider.getConfig()
            .getOptionalValue("registry.api.max-body-bytes", Long.class).orElse(1024L * 1024);

    @Override
    public void filter(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !type.getSubtype().endsWith("json")) {
            return; // uploads (octet-stream and others) are limited by the blob store
        }
        if (request.getLength() > MAX) {
            throw new PayloadTooLargeException("body", MAX);
        }
        request.setEntityStream(new Limited(request.getEntityStream(), MAX));
    }

    /** Fails once more than {@code max} bytes have been read. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        private long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > max) {
                throw new PayloadTooLargeException("body", max);
            }
        }
    }
}
