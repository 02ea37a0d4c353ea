/**
 * What clients of the registry share: service interfaces, request and response records, enums and the problem
 * types that errors are reported with. No JPA and no JAX-RS here, so a Java client can depend on it alone.
 */
package org.modelregistry.api;
