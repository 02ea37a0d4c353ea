package org.modelregistry.domain.audit;

/** The first and last sequence number of a run of chained records; both null when the run is empty. */
public record SeqRange(Long first, Long last) {

    public boolean isEmpty() {
        return first == null;
    }
}
