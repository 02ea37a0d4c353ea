package org.modelregistry.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import java.util.Map;
import org.modelregistry.api.problem.RegistryException;

/**
 * What {@code error.xhtml} says: the status in words and the request id, never an exception's text. A refusal of the
 * registry carries its own reason (the services word it for callers), shown as it is.
 */
@Named
@RequestScoped
public class ErrorPage {

    /** Request attributes {@link ConsoleExceptionHandler} sets when it shows this page in place of a view. */
    static final String STATUS = "org.modelregistry.error.status";

    static final String MESSAGE = "org.modelregistry.error.message";

    public int getStatus() {
        Map<String, Object> request =
                FacesContext.getCurrentInstance().getExternalContext().getRequestMap();
        if (request.get(STATUS) instanceof Integer status) {
            return status;
        }
        RegistryException refused = refusal(request.get(RequestDispatcher.ERROR_EXCEPTION));
        if (refused != null) {
            // a refusal that reached the container (thrown outside the Faces lifecycle): its own status, not 500
            int status = refused.status() == 401 ? 403 : refused.status();
            FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(status);
            return status;
        }
        if (request.get(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) {
            return status;
        }
        String given = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestParameterMap()
                .get("status");
        if (given == null || !given.matches("4\\d\\d")) {
            return 500;
        }
        // the page an Ajax request or a refused form was sent to answers with the status it shows
        int status = Integer.parseInt(given);
        FacesContext.getCurrentInstance().getExternalContext().setResponseStatus(status);
        return status;
    }

    public String getTitle() {
        return switch (getStatus()) {
            case 400 -> "This request cannot be done";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 413 -> "Too large";
            default -> getStatus() >= 500 ? "Something went wrong" : "This request cannot be done";
        };
    }

    public String getMessage() {
        Map<String, Object> request =
                FacesContext.getCurrentInstance().getExternalContext().getRequestMap();
        int status = getStatus();
        if (status < 500 && request.get(MESSAGE) instanceof String message) {
            return message;
        }
        RegistryException refused = refusal(request.get(RequestDispatcher.ERROR_EXCEPTION));
        if (refused != null && refused.status() != 404) {
            return refused.detail();
        }
        if (status < 500
                && request.get(RequestDispatcher.ERROR_MESSAGE) instanceof String message
                && !message.isBlank()
                && request.get(RequestDispatcher.ERROR_EXCEPTION) == null) {
            return message;
        }
        return switch (status) {
            case 403 -> "You do not have the right to do this here.";
            case 404 -> "There is nothing here, or you may not see it.";
            default ->
                status >= 500
                        ? "The registry could not finish this request. Nothing you did was lost; try again."
                        : "The request was not accepted.";
        };
    }

    private static RegistryException refusal(Object thrown) {
        for (Throwable t = thrown instanceof Throwable th ? th : null;
                t != null;
                t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryException refused) {
                return refused;
            }
        }
        return null;
    }

    public String getRequestId() {
        Object id = FacesContext.getCurrentInstance()
                .getExternalContext()
                .getRequestMap()
                .get(ConsoleFilter.REQUEST_ID);
        return id == null ? "-" : id.toString();
    }
}
