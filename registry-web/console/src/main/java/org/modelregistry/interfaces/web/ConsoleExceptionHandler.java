package org.modelregistry.interfaces.web;

import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIInput;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.SystemEvent;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.modelregistry.api.problem.FieldError;
import org.modelregistry.api.problem.RegistryException;
import org.primefaces.context.PrimeFacesContext;
import org.primefaces.csp.CspException;

/**
 * What a person sees when something goes wrong, never a stack trace.
 *
 * <ul>
 *   <li>A refusal of the registry during an action (a rule, a conflict, a policy, a missing right): the page stays,
 *       with the reason beside the field it names (or at the top), and nothing changed (the service's transaction
 *       rolled back).
 *   <li>A refusal while a page loads: the error page with the status (404 for what the caller may not see or that does
 *       not exist, 403 for what they may see but not do).
 *   <li>A form whose view state is unknown (expired, or posted from another site): 400 on the error page, nothing
 *       done.
 *   <li>Anything else: logged with the request id, and the error page shows that id.
 * </ul>
 */
public class ConsoleExceptionHandler extends ExceptionHandlerWrapper {

    private static final Logger LOG = Logger.getLogger(ConsoleExceptionHandler.class.getName());
    private static final String ERROR_PAGE_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self' data:; script-src 'none'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    /** The exceptions of this request, kept here: MyFaces' own handler may hide them from wrappers. */
    private final Queue<ExceptionQueuedEvent> queued = new ArrayDeque<>();

    public ConsoleExceptionHandler(ExceptionHandler wrapped) {
        super(wrapped);
    }

    @Override
    public void processEvent(SystemEvent event) {
        if (event instanceof ExceptionQueuedEvent exception) {
            queued.add(exception);
        } else {
            super.processEvent(event);
        }
    }

    @Override
    public Iterable<ExceptionQueuedEvent> getUnhandledExceptionQueuedEvents() {
        return queued;
    }

    @Override
    public ExceptionQueuedEvent getHandledExceptionQueuedEvent() {
        return null;
    }

    @Override
    public Iterable<ExceptionQueuedEvent> getHandledExceptionQueuedEvents() {
        return List.of();
    }

    @Override
    public void handle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (ExceptionQueuedEvent event = queued.poll(); event != null; event = queued.poll()) {
            Throwable thrown = event.getContext().getException();
            PhaseId phase = event.getContext().getPhaseId();
            if (faces.getResponseComplete()) {
                continue;
            }
            RegistryException refused = find(thrown, RegistryException.class);
            if (refused != null && faces.isPostback() && phase != PhaseId.RENDER_RESPONSE) {
                showBesideFields(faces, refused);
                faces.validationFailed();
                faces.renderResponse();
            } else if (refused != null) {
                LOG.fine(() -> "console request "
                        + faces.getExternalContext().getRequestMap().get(ConsoleFilter.REQUEST_ID)
                        + " refused while loading " + phase + ": " + refused.status() + " " + refused.type());
                sendError(faces, refused.status() == 401 ? 403 : refused.status(), refused.detail());
            } else if (find(thrown, ViewExpiredException.class) != null
                    || find(thrown, CspException.class) != null
                    || (phase == PhaseId.RESTORE_VIEW && faces.isPostback())) {
                // an unknown or malformed view state, or a post without the page's script nonce: not sent from this
                // page, the caller's mistake (logged without a trace: anyone can send one). The error page comes
                // from a fresh request: this one's script nonce and view are not to be trusted.
                LOG.fine(() -> "console request "
                        + faces.getExternalContext().getRequestMap().get(ConsoleFilter.REQUEST_ID)
                        + ": a form not sent from its page (" + thrown + ")");
                redirectToError(faces, 400);
            } else {
                Object id = faces.getExternalContext().getRequestMap().get(ConsoleFilter.REQUEST_ID);
                LOG.log(Level.SEVERE, thrown, () -> "console request " + id + " failed");
                sendError(faces, 500, "Something went wrong on our side.");
            }
        }
        // every event was handled above; the default handler would only show them again
    }

    private static void showBesideFields(FacesContext faces, RegistryException refused) {
        if (refused.errors().isEmpty()) {
            // the reason, not the status's title: "Forbidden" alone tells nobody what to do
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, refused.detail(), refused.detail()));
            return;
        }
        for (FieldError error : refused.errors()) {
            UIComponent input = findInput(faces.getViewRoot(), error.field());
            FacesMessage message = new FacesMessage(FacesMessage.SEVERITY_ERROR, error.message(), error.message());
            if (input instanceof UIInput field) {
                field.setValid(false);
                faces.addMessage(input.getClientId(faces), message);
            } else {
                faces.addMessage(
                        null,
                        new FacesMessage(
                                FacesMessage.SEVERITY_ERROR, error.field() + ": " + error.message(), error.message()));
            }
        }
    }

    /** The input whose id is the field's name (pages name their inputs after the request fields). */
    private static UIComponent findInput(UIComponent root, String field) {
        if (root == null || field == null) {
            return null;
        }
        if (root instanceof UIInput && field.equals(root.getId())) {
            return root;
        }
        for (Iterator<UIComponent> kids = root.getFacetsAndChildren(); kids.hasNext(); ) {
            UIComponent found = findInput(kids.next(), field);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /**
     * Shows the error page in place of the view, with the status: rendered here rather than through the container's
     * error dispatch, which would end this request's Faces context under the lifecycle's feet. An Ajax request is
     * redirected to it instead.
     */
    private static void sendError(FacesContext faces, int status, String message) {
        ExternalContext external = faces.getExternalContext();
        try {
            if (faces.getPartialViewContext().isAjaxRequest()) {
                external.redirect(external.getRequestContextPath() + "/error.xhtml?status=" + status);
            } else if (!external.isResponseCommitted()) {
                external.responseReset();
                external.setResponseStatus(status);
                ConsoleFilter.secureHeaders(
                        (HttpServletResponse) external.getResponse(),
                        String.valueOf(external.getRequestMap().get(ConsoleFilter.REQUEST_ID)));
                // PrimeFaces' header went with the reset: the same policy again, with this page's script nonce
                external.setResponseHeader("Content-Security-Policy", policy(faces));
                external.getRequestMap().put(ErrorPage.STATUS, status);
                external.getRequestMap().put(ErrorPage.MESSAGE, message);
                ViewHandler views = faces.getApplication().getViewHandler();
                UIViewRoot page = views.createView(faces, "/error.xhtml");
                faces.setViewRoot(page);
                views.getViewDeclarationLanguage(faces, page.getViewId()).buildView(faces, page);
                views.renderView(faces, page);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not show the error page in place; sending the browser to it", e);
            redirectToError(faces, status);
            return;
        }
        faces.responseComplete();
    }

    /** The console's policy (web.xml) with the nonce PrimeFaces gives this page's scripts, as PrimeFaces adds it. */
    private static String policy(FacesContext faces) {
        String policy = faces.getExternalContext().getInitParameter("primefaces.CSP_POLICY");
        String nonce = PrimeFacesContext.getCspState(faces).getNonce();
        return policy == null || nonce == null ? ERROR_PAGE_POLICY : policy.trim() + " 'nonce-" + nonce + "'";
    }

    private static void redirectToError(FacesContext faces, int status) {
        ExternalContext external = faces.getExternalContext();
        try {
            if (!external.isResponseCommitted()) {
                external.responseReset();
                external.redirect(external.getRequestContextPath() + "/error.xhtml?status=" + status);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not send to the error page", e);
        }
        faces.responseComplete();
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof EJBException ejb && ejb.getCausedByException() != null) {
            return ejb.getCausedByException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** Registered in faces-config.xml. */
    public static class Factory extends ExceptionHandlerFactory {

        public Factory(ExceptionHandlerFactory wrapped) {
            super(wrapped);
        }

        @Override
        public ExceptionHandler getExceptionHandler() {
            return new ConsoleExceptionHandler(getWrapped().getExceptionHandler());
        }
    }
}
