package org.modelregistry.api.common;

import java.util.List;

/**
 * The latest failures of one kind in the caller's organizations, newest first, and how many there were on each of the
 * last days (oldest day first, every day listed, zero included).
 */
public record RecentFailuresDto(List<FailureDto> latest, List<DailyCountDto> perDay) {}
