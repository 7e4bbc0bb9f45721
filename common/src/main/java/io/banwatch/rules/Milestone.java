package io.banwatch.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * A dated legal or market event, in the rule pack's time zone.
 *
 * @param id       stable id, e.g. {@code bis-updates-end}
 * @param date     the day it takes effect (from 00:00 in the pack's zone)
 * @param title    what happens that day
 * @param citation the citation id behind it
 * @param sources  where the date comes from (seed articles, research notes)
 */
record Milestone(String id, LocalDate date, String title, String citation, List<String> sources) {
}
