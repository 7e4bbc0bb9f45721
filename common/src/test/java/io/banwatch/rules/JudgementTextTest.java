package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Software;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every judgement text of the built-in pack is true on the day it is given. An install, a remnant
 * and an UltraAV machine are judged for every profile on the day before and the day of every
 * milestone, and each message is held against what was actually the case then
 * (research/kaspersky-signals.md section 2): no clause may state a rule that was not yet in force,
 * unless it names the date ahead from which it applies. And each finding names the milestone whose
 * date it shows, with that milestone's citation.
 */
class JudgementTextTest {
    private static final RuleSet RULES = RuleSet.builtIn();
    private static final RulePack PACK = RULES.packs().get(0);
    private final RuleEngine engine = new RuleEngine(RULES, Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));

    private static final Inventory INSTALLED = ReportBuilder.report()
            .software(List.of(Samples.deb("kesl", "12.1.0.1297", "AO Kaspersky Lab")))
            .inventory();
    private static final Inventory REMNANT = ReportBuilder.report()
            .observations(List.of(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", null)))
            .inventory();
    private static final Inventory ULTRAAV = ReportBuilder.report()
            .host(Samples.host("windows"))
            .software(List.of(new Software("UltraAV", "1.2.0.215", "Pango Inc.", "windows-uninstall", Software.MACHINE, null, null,
                    null, null))).inventory();

    /** A statement and the first day it is true. */
    private record Claim(String what, String from, Pattern pattern) {
        Claim(String what, String from, String regex) {
            this(what, from, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
        }

        LocalDate since() {
            return LocalDate.parse(from);
        }
    }

    private static final String BAN = "\\b(bar|bars|barred|prohibit\\w*|forbid\\w*|remov\\w*|may not)\\b";
    private static final List<Claim> CLAIMS = List.of(
            new Claim("BOD 17-01 exists", "2017-09-13", "BOD 17-01"),
            new Claim("federal agencies are barred", "2017-09-13", "(?=.*federal (agenc|use))(?=.*" + BAN + ")"),
            new Claim("the NDAA section 1634 is law", "2017-12-12", "\\bNDAA\\b|section 1634"),
            new Claim("the FAR rule exists", "2018-06-15", "\\bFAR\\b|52\\.204-23"),
            new Claim("federal contractors are barred", "2018-07-16", "(?=.*contractor)(?=.*" + BAN + ")"),
            new Claim("the FCC lists Kaspersky", "2022-03-25", "\\bFCC\\b"),
            new Claim("the Commerce ban exists", "2024-06-20", "\\bCommerce\\b|\\bBIS\\b"),
            new Claim("no new sales are allowed", "2024-07-20", "no new .*(sales|agreements|licen)"),
            new Claim("customers were moved to UltraAV", "2024-09-19", "moved to"),
            new Claim("updates have stopped", "2024-09-29",
                    "no (signature or software )?updates|no longer receives|updates? stop|stops all|may not update|gets no updates"));
    /** A date ahead that a clause announces ("from 2018-10-01", "on 2024-09-29"); "since" a date is no announcement. */
    private static final Pattern AHEAD = Pattern.compile("\\b(?<!since )(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern SINCE = Pattern.compile("\\bsince (\\d{4}-\\d{2}-\\d{2})", Pattern.CASE_INSENSITIVE);

    /** The day before and the day of every milestone, and a day long before and long after. */
    private static List<LocalDate> days() {
        TreeSet<LocalDate> days = new TreeSet<>(List.of(LocalDate.of(2015, 1, 1), LocalDate.of(2026, 11, 24)));
        for (Milestone m : PACK.milestones().values()) {
            days.add(m.date().minusDays(1));
            days.add(m.date());
        }
        return List.copyOf(days);
    }

    /** A finding and the day it was judged on. */
    private record Judged(LocalDate day, Finding finding) {
        String what() {
            return finding.profile() + " " + day + " " + finding.ruleId() + " " + finding.presence();
        }
    }

    /** Every finding of each machine, for every profile, on every one of {@link #days()}. */
    private List<Judged> judged() {
        List<Judged> all = new ArrayList<>();
        for (String profile : PACK.profiles().keySet()) {
            for (LocalDate day : days()) {
                for (Inventory inventory : List.of(INSTALLED, REMNANT, ULTRAAV)) {
                    for (Finding f : engine.evaluate(inventory, List.of(), profile, day)) {
                        all.add(new Judged(day, f));
                    }
                }
            }
        }
        return all;
    }

    /** Every false statement in the message of a finding given on {@code day}. */
    static List<String> falsehoods(String message, LocalDate day) {
        List<String> out = new ArrayList<>();
        for (String clause : message.split("(?<=[.;:])\\s+")) {
            List<LocalDate> dates = AHEAD.matcher(clause.toLowerCase(java.util.Locale.ROOT)).results()
                    .map(r -> LocalDate.parse(r.group(1))).toList();
            for (Claim claim : CLAIMS) {
                boolean announcedAhead = dates.stream().anyMatch(d -> d.isAfter(day) && !d.isBefore(claim.since()));
                if (claim.pattern().matcher(clause).find() && day.isBefore(claim.since()) && !announcedAhead) {
                    out.add("'" + clause + "' says " + claim.what() + ", true only from " + claim.from());
                }
            }
            Matcher since = SINCE.matcher(clause);
            while (since.find()) {
                if (LocalDate.parse(since.group(1)).isAfter(day)) {
                    out.add("'" + clause + "' says since " + since.group(1));
                }
            }
        }
        return out;
    }

    @Test
    void theChecksCatchTheStatementsTheyAreFor() {
        // The first us-private phase used to say this on every day before the FCC listing.
        assertThat(falsehoods("Kaspersky products are legal for private use; federal agencies and contractors are barred.",
                LocalDate.of(2017, 9, 12))).hasSize(2);
        assertThat(falsehoods("Kaspersky products are legal for private use; federal agencies and contractors are barred.",
                LocalDate.of(2018, 7, 15))).singleElement().asString().contains("contractors are barred");
        assertThat(falsehoods("Since 2024-09-29 Kaspersky may not update its products in the US.", LocalDate.of(2024, 9, 28)))
                .hasSize(2);
        // A rule announced for a date ahead is true before it applies.
        assertThat(falsehoods("The Commerce ban stops all Kaspersky signature and software updates in the US on 2024-09-29.",
                LocalDate.of(2024, 7, 20))).isEmpty();
        assertThat(falsehoods("FAR 52.204-23 forbids contractors to provide or use Kaspersky products from 2018-07-16.",
                LocalDate.of(2018, 6, 15))).isEmpty();
    }

    @Test
    void everyMessageIsTrueOnTheDayItIsGiven() {
        List<Judged> judged = judged();
        List<String> falsehoods = new ArrayList<>();
        for (Judged j : judged) {
            falsehoods(j.finding().message(), j.day()).forEach(problem -> falsehoods.add(j.what() + ": " + problem));
        }
        assertThat(falsehoods).isEmpty();
        // Each profile judged both kinds of presence on every day, and the notices too.
        assertThat(judged).extracting(j -> j.finding().ruleId()).contains("kaspersky-us:kesl",
                "kaspersky-us:unprotected-after-removal", "kaspersky-us:ultraav");
    }

    @Test
    void eachFindingNamesTheMilestoneWhoseDateItShowsAndCitesIt() {
        for (Judged j : judged()) {
            Finding f = j.finding();
            if (f.milestone() == null) {
                assertThat(f.since()).as(j.what()).isNull();
                assertThat(f.deadline()).as(j.what()).isNull();
                assertThat(f.citation()).as(j.what()).isNull();
                continue;
            }
            Milestone named = PACK.milestones().get(f.milestone());
            assertThat(f.milestoneDate()).as(j.what()).isEqualTo(named.date());
            assertThat(f.citation()).as(j.what()).isEqualTo(PACK.citations().get(named.citation()));
            if (f.level() == Level.DEADLINE) {
                assertThat(f.deadline()).as(j.what()).isEqualTo(named.date()).isAfter(j.day());
                assertThat(f.since()).as(j.what()).isNull();
            } else {
                // For a VIOLATION: since when it is prohibited, on or before the day judged.
                assertThat(f.since()).as(j.what()).isEqualTo(named.date()).isBeforeOrEqualTo(j.day());
                assertThat(f.deadline()).as(j.what()).isNull();
            }
        }
    }
}
