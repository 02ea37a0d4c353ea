package org.modelregistry.api.common;

import java.time.LocalDate;

/** How many of something happened on one day (UTC). */
public record DailyCountDto(LocalDate day, long count) {}
