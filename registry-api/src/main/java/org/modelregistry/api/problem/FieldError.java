package org.modelregistry.api.problem;

/** One offending input field of a request: a JSON pointer-like path and what is wrong with it. */
public record FieldError(String field, String message) {}
