package io.banwatch.agent.inventory.macos;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IoregPlatformTest {
    @Test
    void readsTheUuidOfAnAppleSiliconMac() {
        assertThat(IoregPlatform.uuid(MacFixtures.text("commands/ioreg-platform.txt")))
                .isEqualTo("5B2F9C0E-7A41-4D8B-9E36-1C0A2D4F8E71");
    }

    @Test
    void readsTheUuidOfAnIntelMac() {
        assertThat(IoregPlatform.uuid(MacFixtures.text("commands/ioreg-platform-intel.txt")))
                .isEqualTo("D1E4A7B2-3C58-4F09-8A6B-2E7F0C9D5A13");
    }

    @Test
    void neverTakesTheSerialNumberOrAnEmptyValue() {
        assertThat(IoregPlatform.uuid("\"IOPlatformSerialNumber\" = \"C02ZZ0TEST05\"\n")).isNull();
        assertThat(IoregPlatform.uuid("\"IOPlatformUUID\" = \"\"\n")).isNull();
        assertThat(IoregPlatform.uuid("\"IOPlatformUUID\" = \n")).isNull();
        assertThat(IoregPlatform.uuid("")).isNull();
    }
}
