package io.banwatch.collector.web;

import io.banwatch.collector.packs.RejudgeState;
import io.banwatch.collector.packs.RulePacks;
import io.banwatch.collector.packs.RulesOverview;

import java.time.Instant;

/**
 * The admins' rule packs: the packs in force (built-in, from {@code rules.file}, added here), when
 * the fleet was last judged with them or how far its re-judging is, the form that adds or replaces
 * a pack, and a button that removes one added here.
 */
final class RulesPage {
    /**
     * @param notice what the last change did, or null
     * @param error  why the last pack was refused (the validation's one line), or null
     */
    String render(PageContext who, RulesOverview.Overview o, String notice, String error) {
        HtmlWriter h = Layout.page(who, "Rules", Nav.RULES);
        h.raw("<h1>Rule packs</h1>");
        if (notice != null) {
            h.raw("<p class=\"notice\" role=\"status\">").text(notice).raw("</p>");
        }
        judging(h, o);
        h.raw("<h2>In force</h2><div class=\"scroll\"><table id=\"packs\"><thead><tr><th>Id</th><th>Title</th>"
                + "<th>Version</th><th>SHA-256</th><th>Source</th><th>Added by</th><th>Added at</th><th></th></tr></thead><tbody>");
        for (RulesOverview.PackRow p : o.packs()) {
            h.raw("<tr><td><code>").text(p.id()).raw("</code></td><td class=\"long\">").text(p.title()).raw("</td><td>")
                    .text(p.version()).raw("</td><td><code class=\"small\">").text(p.sha256()).raw("</code></td><td>")
                    .text(p.source()).raw("</td><td>");
            Cells.cell(h, p.addedBy());
            h.raw("</td><td class=\"nowrap\">");
            Cells.when(h, p.addedAt());
            h.raw("</td><td>");
            if ("collector".equals(p.source())) {
                h.raw("<form method=\"post\" action=\"/admin/rules/").text(Cells.url(p.id())).raw("/remove\">");
                Layout.csrfField(h, who.csrf());
                h.raw("<button class=\"danger\" type=\"submit\">Remove</button></form>");
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");

        h.raw("<h2>Add or replace a pack</h2><p class=\"muted small\">The format of <code>banwatch scan --rules</code>"
                + " (see docs/rules.md). A pack with the id of one in force replaces it, under a new version; every host"
                + " is then judged again from its last inventory, without a new scan.</p>");
        if (error != null) {
            h.raw("<p class=\"error\" role=\"alert\" id=\"pack-error\">").text(error).raw("</p>");
        }
        h.raw("<form method=\"post\" action=\"/admin/rules\" enctype=\"multipart/form-data\">");
        Layout.csrfField(h, who.csrf());
        h.raw("<label class=\"block\">Pack file (JSON, at most ").text(RulePacks.MAX_PACK_BYTES / 1024)
                .raw(" KB)<input type=\"file\" name=\"file\" accept=\".json,application/json\"></label>"
                        + "<label class=\"block\">or paste it<textarea name=\"text\" rows=\"12\" cols=\"100\" spellcheck=\"false\">"
                        + "</textarea></label><p><button class=\"primary\" type=\"submit\" id=\"add-pack\">Add pack</button></p>"
                        + "</form>");
        return Layout.end(h);
    }

    private static void judging(HtmlWriter h, RulesOverview.Overview o) {
        RejudgeState s = o.state();
        h.raw("<p id=\"judged\">");
        if (o.fleetJudgedAt() != null) {
            h.raw("The fleet was last judged with these packs at ");
            Cells.when(h, o.fleetJudgedAt());
            h.raw(": ").text(Cells.count(s.judged(), "host", "hosts")).raw(" judged again, ")
                    .text(Cells.count(s.transitions(), "changed standing", "changed standing")).raw(".");
        } else if (o.current() && s.startedAt() != null) {
            h.raw("Re-judging the fleet with these packs since ");
            Cells.when(h, Instant.ofEpochMilli(s.startedAt()).toString());
            h.raw(": ").text(o.hostsBehind()).raw(" of ").text(o.hostsInService()).raw(" hosts to go.");
        } else {
            h.raw("The fleet will be judged again with these packs within seconds: ").text(o.hostsBehind()).raw(" of ")
                    .text(o.hostsInService()).raw(" hosts were judged with other packs.");
        }
        if (s.skipped() > 0 && o.current()) {
            h.raw(" ").text(Cells.count(s.skipped(), "host has", "hosts have"))
                    .raw(" no stored inventory to judge again: judged at the next report.");
        }
        h.raw("</p>");
    }
}
