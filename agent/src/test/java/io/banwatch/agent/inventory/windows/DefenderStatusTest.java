package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.SecurityProduct;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DefenderStatusTest {
    /** The fixtures were taken on 2025-03-11; Defender's signatures are from 01:52:18 UTC that day. */
    private static final Instant SIGNATURES = Instant.parse("2025-03-11T01:52:18Z");
    private static final Clock SCAN_DAY = Clock.fixed(Instant.parse("2025-03-11T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void aHealthyDefenderIsEnabledAndUpToDate() {
        SecurityProduct defender = DefenderStatus.parse(json(WindowsFixtures.CLEAN, "defender"), SCAN_DAY);

        assertThat(defender.vendor()).isEqualTo("Microsoft");
        assertThat(defender.product()).isEqualTo("Microsoft Defender Antivirus");
        assertThat(defender.version()).isEqualTo("4.18.25010.11");
        assertThat(defender.kind()).isEqualTo("antivirus");
        assertThat(defender.enabled()).isTrue();
        assertThat(defender.upToDate()).isTrue();
        assertThat(defender.signaturesUpdatedAt()).isEqualTo(SIGNATURES);
        assertThat(defender.evidence()).extracting(Evidence::kind, Evidence::source, Evidence::name, Evidence::detail)
                .containsExactly(tuple(EvidenceKind.SECURITY_CENTER, "defender", "Microsoft Defender Antivirus", "Normal"));
    }

    @Test
    void signaturesOlderThanSevenDaysAreOutOfDate() {
        Clock sevenDaysLater = Clock.fixed(SIGNATURES.plus(DefenderStatus.SIGNATURES_FRESH_FOR), ZoneOffset.UTC);
        Clock aSecondMore = Clock.offset(sevenDaysLater, Duration.ofSeconds(1));
        String json = json(WindowsFixtures.CLEAN, "defender");

        assertThat(DefenderStatus.parse(json, sevenDaysLater).upToDate()).isTrue();
        assertThat(DefenderStatus.parse(json, aSecondMore).upToDate()).isFalse();
    }

    @Test
    void defenderStandingAsideForAnotherAntivirusIsDisabledWithUnknownSignatures() {
        for (String fixture : List.of(WindowsFixtures.KES, WindowsFixtures.KES_RUSSIAN)) {
            SecurityProduct defender = DefenderStatus.parse(json(fixture, "defender"), SCAN_DAY);
            assertThat(defender.enabled()).as(fixture).isFalse();
            assertThat(defender.upToDate()).as(fixture).isNull();
            assertThat(defender.signaturesUpdatedAt()).as(fixture).isNull();
            assertThat(defender.version()).as(fixture).isEqualTo("4.18.24090.11");
            assertThat(defender.evidence().get(0).detail()).as(fixture).isEqualTo("Not running");
        }
    }

    @Test
    void antivirusOnWithRealTimeProtectionOffIsNotEnabled() {
        String json = "{\"AntivirusEnabled\":true,\"RealTimeProtectionEnabled\":false,"
                + "\"AntivirusSignatureLastUpdated\":\"2025-03-11T01:52:18+00:00\"}";

        SecurityProduct defender = DefenderStatus.parse(json, SCAN_DAY);

        assertThat(defender.enabled()).isFalse();
        // PowerShell 7 prints dates as ISO 8601; they are read too.
        assertThat(defender.signaturesUpdatedAt()).isEqualTo(SIGNATURES);
        assertThat(DefenderStatus.parse("{\"AntivirusEnabled\":true}", SCAN_DAY).enabled()).isNull();
    }

    @Test
    void anEmptySectionHasNoProductAndAnUnreadableDateIsUnknown() {
        assertThat(DefenderStatus.parse("", SCAN_DAY)).isNull();
        assertThat(DefenderStatus.parse("{\"AntivirusSignatureLastUpdated\":\"\\/Date(oops)\\/\"}", SCAN_DAY)
                .signaturesUpdatedAt()).isNull();
        assertThatThrownBy(() -> DefenderStatus.parse("{\"AntivirusEnabled\":", SCAN_DAY))
                .hasMessageStartingWith("malformed JSON");
    }
}
