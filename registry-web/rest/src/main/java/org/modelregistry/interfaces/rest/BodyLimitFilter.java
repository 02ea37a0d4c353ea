package org.modelregistry.interfaces.rest;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.modelregistry.api.problem.PayloadTooLargeException;

/**
 * Caps every request body at {@code registry.api.max-body-bytes} (default 1 MiB), whatever its Content-Type says
 * ({@code application/JSON}, {@code Application/Merge-Patch+Json; charset=utf-8} or none at all): by its
 * Content-Length when it declares one, else by counting bytes while it is read (chunked bodies). The exception is
 * artifact content ({@code PUT .../content}, and files uploaded through MLflow's artifact proxy), which has its own,
 * much larger limit in the blob store.
 */
@Provider
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public class BodyLimitFilter implements ContainerRequestFilter {

    /** Read on first use (a holder), so that the class loads without a configuration, as in unit tests. */
    private static final class Max {
        static final long BYTES = ConfigProvider.getConfig()
                .getOptionalValue("registry.api.max-body-bytes", Long.class)
                .orElse(1024L * 1024);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (isContentUpload(request.getMethod(), request.getUriInfo().getPath())) {
            return; // limited by registry.storage.max-upload-bytes while it streams to the blob store
        }
        if (request.getLength() > Max.BYTES) {
            throw new PayloadTooLargeException("body", Max.BYTES);
        }
        request.setEntityStream(new Limited(request.getEntityStream(), Max.BYTES));
    }

    /** Exactly the artifact content upload (PUT .../artifacts/{id}/content), not any path that ends in /content. */
    private static final Pattern CONTENT_UPLOAD =
            Pattern.compile("^/?v1/models/[^/]+/versions/[^/]+/artifacts/[^/]+/content/?$");

    /** A file uploaded through MLflow's artifact proxy (PUT /api/2.0/mlflow-artifacts/artifacts/...). */
    private static final Pattern MLFLOW_UPLOAD = Pattern.compile("^/?2\\.0/mlflow-artifacts/artifacts/.+$");

    static boolean isContentUpload(String method, String path) {
        return "PUT".equalsIgnoreCase(method)
                && path != null
                && (CONTENT_UPLOAD.matcher(path).matches()
                        || MLFLOW_UPLOAD.matcher(path).matches());
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
