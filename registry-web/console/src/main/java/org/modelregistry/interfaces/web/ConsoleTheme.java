package org.modelregistry.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Light or dark ({@code #{consoleTheme}}), kept in a cookie of its own (not in the session: it survives signing out
 * and keeps the session small). PrimeFaces' Saga theme draws both; {@code console-dark.css} turns it dark.
 * {@link ThemeServlet} switches it.
 */
@Named
@RequestScoped
public class ConsoleTheme {

    static final String COOKIE = "registry-theme";

    public boolean isDark() {
        Map<String, Object> cookies =
                FacesContext.getCurrentInstance().getExternalContext().getRequestCookieMap();
        return cookies.get(COOKIE) instanceof Cookie c && "dark".equals(c.getValue());
    }

    /** The link that switches to the other theme and comes back to this page. */
    public String getToggleUrl() {
        FacesContext faces = FacesContext.getCurrentInstance();
        HttpServletRequest request =
                (HttpServletRequest) faces.getExternalContext().getRequest();
        String here =
                request.getServletPath() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return request.getContextPath() + "/theme?to=" + (isDark() ? "light" : "dark") + "&back="
                + URLEncoder.encode(here, StandardCharsets.UTF_8);
    }
}
