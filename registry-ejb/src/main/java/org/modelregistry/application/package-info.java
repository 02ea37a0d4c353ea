/**
 * Application services: the EJBs that own transactions, load aggregates through repositories, apply domain rules,
 * write the audit trail and map results to the DTOs of registry-api.
 */
package org.modelregistry.application;
