/**
 * The console's edges, shared by its pages: sign-in (a Jakarta Security mechanism that keeps the caller in the HTTP
 * session), the request filter (request id, client address, security headers), the error handling that never shows
 * a stack trace, the theme, and the view helpers every page uses. Pages live in one package per context
 * ({@code interfaces.web.<context>}), as the REST resources do, and call the same EJB services, so every rule holds
 * in both.
 */
package org.modelregistry.interfaces.web;
