package org.modelregistry.interfaces.web.catalog;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.modelregistry.api.catalog.ArtifactContent;
import org.modelregistry.api.catalog.ArtifactService;
import org.modelregistry.api.problem.RegistryException;

/**
 * {@code /console/artifacts/<model>/<version>/<artifact>}: the content of an artifact, as an attachment. It asks
 * {@link ArtifactService#content}, so the API's rules apply: a caller who may not see the model, or an artifact with
 * no stored content, gets 404 (the console's error page), whether or not it exists.
 */
@WebServlet(name = "artifact-download", urlPatterns = "/artifacts/*")
public class ArtifactDownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    transient ArtifactService artifacts;

    /** The servlet path of an artifact's content, encoded (versions may hold '+'). */
    static String path(UUID modelId, String version, UUID artifactId) {
        return "/artifacts/" + modelId + "/"
                + URLEncoder.encode(version, StandardCharsets.UTF_8).replace("+", "%20") + "/" + artifactId;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] parts = request.getPathInfo() == null
                ? new String[0]
                : request.getPathInfo().substring(1).split("/", -1);
        if (parts.length != 3) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        ArtifactContent content;
        try {
            content = artifacts.content(uuid(parts[0]), parts[1], uuid(parts[2]));
        } catch (RegistryException e) {
            response.sendError(e.status() == 403 || e.status() == 401 ? 404 : e.status());
            return;
        } catch (IllegalArgumentException e) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (content.redirect().isPresent()) { // large content on an object store: fetched from there
            response.setHeader("ETag", "\"" + content.sha256() + "\"");
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(HttpServletResponse.SC_TEMPORARY_REDIRECT);
            response.setHeader("Location", content.redirect().get().toString());
            return;
        }
        response.setContentType(content.mediaType() == null ? "application/octet-stream" : content.mediaType());
        response.setContentLengthLong(content.size());
        response.setHeader("Content-Disposition", disposition(content.fileName()));
        response.setHeader("ETag", "\"" + content.sha256() + "\"");
        try (InputStream in = content.open();
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private static UUID uuid(String text) {
        return UUID.fromString(text);
    }

    /** An attachment named like the artifact: an ASCII fallback and the exact name (RFC 6266). */
    static String disposition(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "artifact" : fileName;
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + exact;
    }
}
