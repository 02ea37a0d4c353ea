package org.modelregistry.interfaces.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a request whose query string or path has a malformed percent-encoding ({@code ?cursor=%%%}) with a 400
 * problem naming {@code query} or {@code path}, before anything decodes them: left to the container, the first
 * {@code getParameter} fails and Liberty answers 500 with an HTML page.
 */
public class MalformedRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String field = ErrorPageServlet.malformedPart(request.getRequestURI(), request.getQueryString());
        if (field != null) {
            ErrorPageServlet.write(request, response, 400, ErrorPageServlet.malformedProblem(field));
            return;
        }
        chain.doFilter(request, response);
    }
}
