/**
 * Errors that callers cause, each with the HTTP status and RFC 9457 problem type it is reported with.
 */
package org.modelregistry.api.problem;
