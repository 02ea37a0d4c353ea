/**
 * Admission control: how many requests this server works on at once ({@link
 * org.modelregistry.infrastructure.admission.AdmissionLimiter}), so that beyond its capacity it answers 503 with
 * {@code Retry-After} at once instead of queueing every caller behind everyone else. The API's and the console's
 * servlet filters ask {@link org.modelregistry.infrastructure.admission.Admission} for a permit before anything else
 * runs; docs/performance.md ("Shedding load") says why the limit is configured rather than adaptive.
 */
package org.modelregistry.infrastructure.admission;
