package org.modelregistry.api.governance;

import java.util.List;

/** What waits for the caller's review. */
public interface ReviewQueueService {

    /** The default and largest number of versions {@link #waitingForMe} lists. */
    int DEFAULT_LIMIT = 20;

    int MAX_LIMIT = 100;

    /**
     * The versions in review the caller may decide on now (four eyes and one decision per round, as
     * {@link LifecycleService#decide} judges them), most recently changed first; {@code limit} is clamped to 1 to
     * {@value #MAX_LIMIT} (null: {@value #DEFAULT_LIMIT}).
     */
    List<PendingReviewDto> waitingForMe(Integer limit);
}
