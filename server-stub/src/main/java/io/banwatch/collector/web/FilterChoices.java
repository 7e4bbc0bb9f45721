package io.banwatch.collector.web;

import io.banwatch.collector.api.RetiredFilter;

import java.util.Collection;
import java.util.List;

/**
 * What a list's filters offer to choose from.
 *
 * @param profiles   the profiles the collector knows
 * @param products   the products the fleet's findings name
 * @param milestones the milestones the fleet's findings are under
 */
record FilterChoices(Collection<String> profiles, List<String> products, List<String> milestones) {

    /** A {@code <select>} of these values, with "any" first, the chosen one selected. */
    static void select(HtmlWriter h, String label, String name, Collection<String> values, String chosen) {
        h.raw("<label>").text(label).raw("<select name=\"").text(name).raw("\"><option value=\"\">any</option>");
        boolean found = false;
        for (String v : values) {
            boolean selected = v.equals(chosen);
            found |= selected;
            option(h, v, v, selected);
        }
        if (chosen != null && !found) {
            // Asked for by a link, but nothing has it now: still shown, so the filter is visible.
            option(h, chosen, chosen, true);
        }
        h.raw("</select></label>");
    }

    /** The retired filter: in service (default), retired only, or all. */
    static void retired(HtmlWriter h, RetiredFilter chosen) {
        h.raw("<label>Retired<select name=\"retired\">");
        option(h, RetiredFilter.ACTIVE.param(), "not retired", chosen == RetiredFilter.ACTIVE);
        option(h, RetiredFilter.RETIRED.param(), "retired only", chosen == RetiredFilter.RETIRED);
        option(h, RetiredFilter.ALL.param(), "both", chosen == RetiredFilter.ALL);
        h.raw("</select></label>");
    }

    private static void option(HtmlWriter h, String value, String text, boolean selected) {
        h.raw("<option value=\"").text(value).raw("\"").raw(selected ? " selected" : "").raw(">").text(text)
                .raw("</option>");
    }
}
