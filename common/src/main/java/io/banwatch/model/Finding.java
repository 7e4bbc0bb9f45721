package io.banwatch.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A judgement of one product on the host against one rule, for one profile, on one date.
 *
 * @param ruleId    {@code <pack id>:<product id>}, stable across runs
 * @param kind      a banned vendor's product, or a notice
 * @param level     how serious
 * @param profile   the compliance profile judged, e.g. {@code us-federal}
 * @param vendor    the vendor, e.g. "Kaspersky"
 * @param product   the product, e.g. "Kaspersky Endpoint Security for Linux"
 * @param presence  installed or only a remnant
 * @param milestone the id of the milestone whose date the finding shows: the deadline's for a
 *                  DEADLINE, else the governing one's; null before any
 * @param since     the date the governing milestone took effect (for a VIOLATION: prohibited
 *                  since), or null for a DEADLINE and before any milestone
 * @param deadline  the date ahead that the finding counts down to (DEADLINE), or null
 * @param daysLeft  days from the evaluation date to the deadline, or null
 * @param message   one sentence for people
 * @param citation  the instrument behind the milestone, or null
 * @param evidence  what was seen
 */
public record Finding(String ruleId, FindingKind kind, Level level, String profile, String vendor, String product,
                      Presence presence, String milestone, LocalDate since, LocalDate deadline, Integer daysLeft,
                      String message, Citation citation, List<Evidence> evidence) {
    public Finding {
        Required.text(ruleId, "ruleId");
        Required.field(kind, "kind");
        Required.field(level, "level");
        Required.text(profile, "profile");
        Required.text(vendor, "vendor");
        Required.text(product, "product");
        Required.field(presence, "presence");
        Required.text(message, "message");
        evidence = Required.list(evidence);
    }

    /** The date the finding shows next to its milestone: the deadline ahead, or since when it applies. */
    public LocalDate milestoneDate() {
        return deadline != null ? deadline : since;
    }
}
