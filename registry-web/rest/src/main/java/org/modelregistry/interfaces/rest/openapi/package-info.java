/**
 * The OpenAPI document at {@code /openapi}: the filter that declares the security scheme, the RFC 9457 problem
 * schema and the error answers every operation shares, on top of what the resources' annotations say.
 */
package org.modelregistry.interfaces.rest.openapi;
