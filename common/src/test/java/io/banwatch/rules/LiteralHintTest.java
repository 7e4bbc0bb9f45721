package io.banwatch.rules;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LiteralHintTest {
    @Test
    void derivesTheLeadingLiteralOfEachAlternative() {
        assertThat(LiteralHint.of("^kaspersky endpoint security( \\d+)? (for|для) windows"))
                .isEqualTo(new LiteralHint(List.of("kaspersky endpoint security"), List.of(true)));
        assertThat(LiteralHint.of("\\bkaspersky|касперск"))
                .isEqualTo(new LiteralHint(List.of("kaspersky", "касперск"), List.of(false, false)));
        assertThat(LiteralHint.of("^avp\\.kes")).isEqualTo(new LiteralHint(List.of("avp.kes"), List.of(true)));
        assertThat(LiteralHint.of("^ultra ?av\\b")).isEqualTo(new LiteralHint(List.of("ultra"), List.of(true)));
        assertThat(LiteralHint.of("\\b2y8xe5cq94\\b.*state=activated_enabled"))
                .isEqualTo(new LiteralHint(List.of("2y8xe5cq94"), List.of(false)));
    }

    @Test
    void derivesOneLiteralPerAlternativeOfALeadingGroup() {
        assertThat(LiteralHint.of("^(mcafee|trellix) (endpoint|agent)"))
                .isEqualTo(new LiteralHint(List.of("mcafee", "trellix"), List.of(true, true)));
        assertThat(LiteralHint.of("^(avp(\\.kes.*|[0-9.]*)|kavfs)$"))
                .isEqualTo(new LiteralHint(List.of("avp", "kavfs"), List.of(true, true)));
        assertThat(LiteralHint.of("^(klif|klkbdflt2?)$"))
                .isEqualTo(new LiteralHint(List.of("klif", "klkbdflt"), List.of(true, true)));
        assertThat(LiteralHint.of("\\b(clamav|(clamwin|clamtk))|sophos"))
                .isEqualTo(new LiteralHint(List.of("clamav", "clamwin", "clamtk", "sophos"), List.of(false, false, false, false)));
    }

    @Test
    void givesNoHintWhereALiteralIsNotCertain() {
        assertThat(LiteralHint.of("^(mcafee|trellix)? agent")).isNull();
        assertThat(LiteralHint.of("^(mcafee|trellix)* agent")).isNull();
        assertThat(LiteralHint.of("^(av|trellix) agent")).isNull();
        assertThat(LiteralHint.of("^(mcafee|^trellix)")).isNull();
        assertThat(LiteralHint.of("^(mcafee|trellix")).isNull();
        assertThat(LiteralHint.of("^av?p")).isNull();
        assertThat(LiteralHint.of("^kl[a-z]+|^avp")).isNull();
        assertThat(LiteralHint.of("(?i)kaspersky")).isNull();
        assertThat(LiteralHint.of("\\\\drivers\\\\klif")).isNull();
    }

    /** The safety property: a hint never rejects a value its pattern matches. */
    @Test
    void neverRejectsWhatTheBuiltInPatternsMatch() {
        RuleSet rules = RuleSet.builtIn();
        List<Signal> signals = new ArrayList<>();
        rules.packs().forEach(p -> p.products().forEach(pr -> signals.addAll(pr.signals())));
        rules.catalog().entries().forEach(e -> signals.addAll(e.signals()));
        List<String> corpus = List.of("Kaspersky Endpoint Security 12 for Windows", "kaspersky", "AO Kaspersky Lab",
                "АО «Лаборатория Касперского»", "Антивирус Касперского", "avp.kes.12.5", "avpsus.kes.21.9", "AVP21.3",
                "UltraAV", "Ultra AV", "CrowdStrike Windows Sensor", "McAfee Endpoint Security", "Trellix Agent",
                "teamID=2Y8XE5CQ94 state=activated_enabled", "C:\\Windows\\System32\\drivers\\K4W-21-25\\klgse.sys",
                "Sophos Endpoint Agent", "ESET Endpoint Antivirus", "Bitdefender Endpoint Security Tools", "ClamAV",
                "Kaspersky Security 11.0.1 for Windows Server", "Агент администрирования Kaspersky Security Center",
                "Norton 360", "Avast Free Antivirus", "AVG AntiVirus FREE", "Malwarebytes version 4.6",
                "Trend Micro Apex One Security Agent", "Symantec Endpoint Protection", "Microsoft Defender",
                "SentinelOne Extensions", "Kaspa Wallet", "KasperTech Tools", "bash", "Pango Inc.",
                "Kaspersky Security Center 14 Network Agent", "Kaspersky Security Center", "ClamWin Free Antivirus",
                "klif", "klkbdflt2", "klupd_klif_arkmon", "Windows Defender", "avp", "kavfs", "ksde4.0",
                "McAfee VirusScan Enterprise", "Trellix Endpoint Security", "Kaspersky Антивирус");
        int withHint = 0;
        for (Signal s : signals) {
            if (s.pattern() == null) {
                continue;
            }
            LiteralHint hint = LiteralHint.of(s.pattern().pattern());
            if (hint != null) {
                withHint++;
            }
            for (String value : corpus) {
                String lower = value.toLowerCase(Locale.ROOT);
                if (s.pattern().matcher(lower).find()) {
                    assertThat(hint == null || hint.mayMatch(lower))
                            .as("hint of /%s/ rejects '%s'", s.pattern().pattern(), value).isTrue();
                }
            }
        }
        assertThat(withHint).as("most built-in patterns get a hint").isGreaterThan(20);
    }
}
