package org.modelregistry.interfaces.web.audit;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Logger;
import org.modelregistry.api.governance.EvidenceService;
import org.modelregistry.api.problem.RegistryException;

/**
 * {@code GET /console/evidence?model=<id>&version=<v>}: a version's evidence bundle, as the API's
 * {@code /models/{id}/versions/{v}/evidence} serves it, for the signed-in person. The evidence service decides who
 * may have it (auditors and registry administrators); anyone else, like a request for a model that does not exist,
 * gets 404, which tells them nothing about the version. A GET that only reads: safe without a view state.
 */
@WebServlet(urlPatterns = "/evidence")
public class EvidenceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EvidenceServlet.class.getName());
    private static final String VERSION = "[A-Za-z0-9][A-Za-z0-9.+_-]{0,127}";

    @EJB
    transient EvidenceService evidence;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UUID model = uuid(request.getParameter("model"));
        String version = request.getParameter("version");
        if (model == null || version == null || !version.matches(VERSION)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] zip;
        try {
            zip = evidence.bundle(model, version);
        } catch (RegistryException e) {
            int status = e.status() == 401 || e.status() == 403 ? HttpServletResponse.SC_NOT_FOUND : e.status();
            LOG.fine(() -> "evidence of " + model + " " + version + " refused: " + e.status());
            response.sendError(status);
            return;
        }
        response.setContentType("application/zip");
        response.setContentLength(zip.length);
        response.setHeader("Content-Disposition", "attachment; filename=\"evidence-" + version + ".zip\"");
        response.getOutputStream().write(zip);
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
