package org.modelregistry.interfaces.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /console/theme?to=dark&back=/models.xhtml}: sets the theme cookie and returns to the page (a console
 * page only, see {@link ConsolePaths#afterSignIn}). Changing a look is safe to do on a GET.
 */
@WebServlet(urlPatterns = "/theme")
public class ThemeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Cookie cookie = new Cookie(ConsoleTheme.COOKIE, "dark".equals(request.getParameter("to")) ? "dark" : "light");
        cookie.setPath(request.getContextPath());
        cookie.setMaxAge(365 * 24 * 3600);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        response.sendRedirect(request.getContextPath() + ConsolePaths.afterSignIn(request.getParameter("back")));
    }
}
