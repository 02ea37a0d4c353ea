/**
 * The registry's Java SDK: {@link org.modelregistry.client.RegistryClient}, a small typed client over the REST API
 * (methods named after the API's operationIds, the DTO and request records of registry-api), its credentials and
 * token refresh, retries, problem documents as exceptions, streamed uploads and resumable downloads with their
 * digests checked, and the offline check of evidence bundles.
 */
package org.modelregistry.client;
