package io.banwatch.rules;

import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** RuleSet.levelOn: a product's level on a given date, on the milestones' boundaries. */
class LevelOnTest {
    private final RuleSet rules = RuleSet.builtIn();

    @Test
    void aContractorsInstallIsDeadlineTheDayBeforeTheFarRuleAndViolationOnTheDay() {
        assertThat(rules.levelOn("kaspersky-us", "us-federal-contractor", Presence.INSTALLED, LocalDate.parse("2018-07-15")))
                .isEqualTo(Level.DEADLINE);
        assertThat(rules.levelOn("kaspersky-us", "us-federal-contractor", Presence.INSTALLED, LocalDate.parse("2018-07-16")))
                .isEqualTo(Level.VIOLATION);
    }

    @Test
    void remnantsFollowTheRemnantLevel() {
        assertThat(rules.levelOn("kaspersky-us", "us-federal-contractor", Presence.REMNANT, LocalDate.parse("2018-07-16")))
                .isEqualTo(Level.RISK);
    }

    @Test
    void anUnknownPackOrProfileHasNoLevel() {
        assertThat(rules.levelOn("no-such-pack", "us-federal", Presence.INSTALLED, LocalDate.parse("2020-01-01"))).isNull();
        assertThat(rules.levelOn("kaspersky-us", "no-such-profile", Presence.INSTALLED, LocalDate.parse("2020-01-01"))).isNull();
    }

    @Test
    void todayIsThePacksDayNotUtcs() {
        // 02:00 UTC on the 16th is still the 15th in New York.
        Clock clock = Clock.fixed(Instant.parse("2018-07-16T02:00:00Z"), ZoneOffset.UTC);
        assertThat(rules.today("kaspersky-us", clock)).isEqualTo(LocalDate.parse("2018-07-15"));
    }
}
