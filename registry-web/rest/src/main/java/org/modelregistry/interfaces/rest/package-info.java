/**
 * The REST API under {@code /api/v1}: thin JAX-RS resources that parse, call one service and map the result;
 * exception mappers that turn every error into an RFC 9457 problem; filters for request ids and headers.
 */
package org.modelregistry.interfaces.rest;
