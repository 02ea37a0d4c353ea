package org.modelregistry.domain.policy;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * When production changes may happen, from {@code registry.policy.change-window}: {@code always}, {@code never}, or
 * {@code DAYS HH:MM-HH:MM ZONE}, days a range or comma list of three-letter names, for example
 * {@code MON-THU 08:00-17:00 Europe/Berlin}. The end is exclusive; 24:00 means the end of the day.
 */
public final class ChangeWindow {

    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final LocalTime end; // null: until midnight
    private final ZoneId zone;
    private final String text;

    private ChangeWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone, String text) {
        this.days = days;
        this.start = start;
        this.end = end;
        this.zone = zone;
        this.text = text;
    }

    public static ChangeWindow parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("always")) {
            return new ChangeWindow(EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, null, ZoneId.of("UTC"), t);
        }
        if (t.equalsIgnoreCase("never")) {
            return new ChangeWindow(EnumSet.noneOf(DayOfWeek.class), LocalTime.MIDNIGHT, null, ZoneId.of("UTC"), t);
        }
        String[] parts = t.split("\\s+");
        if (parts.length != 3 || !parts[1].matches("\\d{2}:\\d{2}-\\d{2}:\\d{2}")) {
            throw new IllegalArgumentException("registry.policy.change-window: expected always, never or"
                    + " 'MON-FRI 08:00-18:00 UTC', got '" + t + "'");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : parts[0].toUpperCase(Locale.ROOT).split(",")) {
            String[] range = item.split("-");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length > 1 ? day(range[1]) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        String[] hours = parts[1].split("-");
        LocalTime start;
        LocalTime end;
        try {
            start = LocalTime.parse(hours[0]);
            end = hours[1].equals("24:00") ? null : LocalTime.parse(hours[1]);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("registry.policy.change-window: bad hours '" + parts[1] + "'");
        }
        try {
            return new ChangeWindow(days, start, end, ZoneId.of(parts[2]), t);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("registry.policy.change-window: unknown time zone '" + parts[2] + "'");
        }
    }

    private static DayOfWeek day(String name) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("registry.policy.change-window: unknown day '" + name + "'");
    }

    public boolean isOpen(ZonedDateTime instant) {
        ZonedDateTime local = instant.withZoneSameInstant(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(start) && (end == null || time.isBefore(end));
    }

    @Override
    public String toString() {
        return text;
    }
}
