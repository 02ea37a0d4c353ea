package org.modelregistry.api.identity;

/** A role held in an organization (named by its slug). */
public record MembershipDto(String organization, Role role) {}
