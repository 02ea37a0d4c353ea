/**
 * Application services, one package per bounded context ({@code catalog}, {@code identity}, {@code governance},
 * {@code policy}, {@code audit}, {@code evaluation}, {@code deployment}, {@code notification}, {@code search},
 * {@code jobs}): the EJBs that own transactions, load aggregates through repositories, apply domain rules, write the
 * audit trail and map results to the DTOs of registry-api. {@code shared} holds what no context owns.
 */
package org.modelregistry.application;
