package io.banwatch.rules;

import java.time.LocalDate;

/**
 * A milestone of a loaded rule pack, for reports and dashboards.
 *
 * @param packId        the pack it belongs to
 * @param id            the milestone's id
 * @param date          the day it takes effect, in the pack's zone
 * @param title         what happens that day
 * @param citationTitle the instrument behind it
 * @param citationUrl   where to read it, or null
 */
public record MilestoneInfo(String packId, String id, LocalDate date, String title, String citationTitle,
                            String citationUrl) {
}
