package org.modelregistry.interfaces.web;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

/** Messages pages show: at the top of the page, or beside the input with the given client id. */
public final class Messages {

    private Messages() {}

    public static void info(String text) {
        add(null, FacesMessage.SEVERITY_INFO, text);
    }

    public static void error(String text) {
        add(null, FacesMessage.SEVERITY_ERROR, text);
    }

    /** Beside one input; the flash keeps it across a redirect. */
    public static void error(String clientId, String text) {
        add(clientId, FacesMessage.SEVERITY_ERROR, text);
    }

    /** Kept across the redirect that follows an action (post-redirect-get). */
    public static void infoAfterRedirect(String text) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().getFlash().setKeepMessages(true);
        info(text);
    }

    private static void add(String clientId, FacesMessage.Severity severity, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, text, text));
    }
}
