package org.modelregistry.domain.jobs;

import java.util.List;

/**
 * The outboxes of jobs in the database, which all servers share. Each method joins the caller's transaction; the
 * relay gives each its own, so that rows are locked only briefly (SKIP LOCKED lets servers share the work).
 */
public interface JobRepository {

    /** Marks up to {@code max} committed, unpublished waiting jobs published, oldest first, and returns them. */
    List<JobTicket> take(JobTable table, int max);

    /** Jobs taken for publishing whose messages could not be sent: to be published again by the next round. */
    void unpublish(JobTable table, List<JobTicket> tickets);

    /**
     * Jobs whose message went missing (published over 60 s ago and still waiting), or whose worker's lease ran out,
     * are to be published again.
     */
    void reap(JobTable table);

    /**
     * Running jobs an earlier life of this server held (their lease owner is {@code <serverId>/<another boot>}) wait
     * again; returns how many.
     */
    int recover(JobTable table, String serverId, String currentOwner);

    /** How many rows the gauge counts now. */
    long count(JobGauge gauge);
}
