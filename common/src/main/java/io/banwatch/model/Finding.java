package io.banwatch.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A judgement of one product on the host against one rule, for one profile, on one date.
 *
 * @param ruleId    {@code <pack id>:<product id>}, stable across runs
 * @param level     how serious
 * @param profile   the compliance profile judged, e.g. {@code us-federal}
 * @param vendor    the vendor, e.g. "Kaspersky"
 * @param product   the product, e.g. "Kaspersky Endpoint Security for Linux"
 * @param presence  installed or only a remnant
 * @param milestone the governing milestone's id, or null before any
 * @param deadline  the date ahead that the finding counts down to (DEADLINE), or null
 * @param daysLeft  days from the evaluation date to the deadline, or null
 * @param message   one sentence for people
 * @param citation  the instrument behind the milestone, or null
 * @param evidence  what was seen
 */
public record Finding(String ruleId, Level level, String profile, String vendor, String product,
                      Presence presence, String milestone, LocalDate deadline, Integer daysLeft,
                      String message, Citation citation, List<Evidence> evidence) {
    public Finding {
        Required.text(ruleId, "ruleId");
        Required.field(level, "level");
        Required.text(profile, "profile");
        Required.text(vendor, "vendor");
        Required.text(product, "product");
        Required.field(presence, "presence");
        Required.text(message, "message");
        evidence = Required.list(evidence);
    }
}
