package io.banwatch.agent.inventory.linux;

import io.banwatch.agent.Fixtures;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class DpkgStatusTest {
    @Test
    void readsEveryInstalledPackageOfARealStatusFile() {
        DpkgStatus.Result r = DpkgStatus.parse(Fixtures.text("linux/dpkg-status-debian12-clean.txt"));
        assertThat(r.installed()).extracting(Software::name, Software::arch).containsExactly(
                tuple("apt", "amd64"), tuple("base-files", "amd64"), tuple("bash", "amd64"),
                tuple("ca-certificates", "all"), tuple("coreutils", "amd64"), tuple("dpkg", "amd64"),
                tuple("gzip", "amd64"), tuple("libc6", "amd64"), tuple("openssh-client", "amd64"),
                tuple("tzdata", "all"), tuple("libc6", "i386"));
        assertThat(r.residues()).isEmpty();
        Software bash = r.installed().get(2);
        assertThat(bash.version()).isEqualTo("5.2.15-2+b8");
        assertThat(bash.publisher()).isEqualTo("Matthias Klose <doko@debian.org>");
        assertThat(bash.source()).isEqualTo("dpkg");
        assertThat(bash.scope()).isEqualTo("machine");
    }

    @Test
    void separatesInstalledPackagesFromConfigFilesLeftBehindAndSkipsPurgedOnes() {
        DpkgStatus.Result r = DpkgStatus.parse(Fixtures.text("linux/dpkg-status-debian12-kesl.txt"));
        assertThat(r.installed()).extracting(Software::name)
                .contains("kesl", "kaspa-wallet", "kaspertech-tools", "kics")
                .doesNotContain("klnagent64", "oldtool");
        assertThat(r.installed()).filteredOn(s -> s.name().equals("kesl")).singleElement()
                .satisfies(s -> assertThat(s.version()).isEqualTo("12.1.0-1297"));
        assertThat(r.residues()).containsExactly(
                new Evidence(EvidenceKind.PACKAGE_RESIDUE, "dpkg", "klnagent64", null, "deinstall ok config-files"));
    }

    @Test
    void toleratesWindowsLineEndingsATruncatedFileAndNoise() {
        String crlf = Fixtures.text("linux/dpkg-status-debian12-clean.txt").replace("\n", "\r\n");
        assertThat(DpkgStatus.parse(crlf).installed()).hasSize(11);

        String truncated = "Package: a\nStatus: install ok installed\nVersion: 1\n\nPackage: b\nStatus: install ok inst";
        assertThat(DpkgStatus.parse(truncated).installed()).extracting(Software::name).containsExactly("a");

        assertThat(DpkgStatus.parse("").installed()).isEmpty();
        assertThat(DpkgStatus.parse("\n\n\ngarbage line\n:\nStatus:\n").installed()).isEmpty();
    }

    @Test
    void appliesDpkgsJournalOfUpdatesInOrderOverTheStatusFile() {
        String status = Fixtures.text("linux/dpkg-status-debian12-clean.txt");
        // What dpkg leaves in updates/0000..0002 after installing kesl, upgrading bash and removing gzip.
        List<String> journal = List.of(
                "Package: kesl\nStatus: install ok unpacked\nArchitecture: amd64\nVersion: 12.1.0-1297\n",
                "Package: kesl\nStatus: install ok installed\nArchitecture: amd64\nVersion: 12.1.0-1297\n\n"
                        + "Package: bash\nStatus: install ok installed\nArchitecture: amd64\nVersion: 5.2.15-2+b9\n",
                "Package: gzip\nStatus: deinstall ok config-files\nArchitecture: amd64\nVersion: 1.12-1\n");
        DpkgStatus.Result r = DpkgStatus.parse(status, journal);
        assertThat(r.installed()).extracting(Software::name).contains("kesl", "bash").doesNotContain("gzip").hasSize(11);
        assertThat(r.installed()).filteredOn(s -> s.name().equals("bash")).extracting(Software::version)
                .containsExactly("5.2.15-2+b9");
        assertThat(r.residues()).extracting(Evidence::name).containsExactly("gzip");
        // Multi-arch records stay apart: the i386 libc6 is not replaced by an amd64 update.
        assertThat(r.installed()).filteredOn(s -> s.name().equals("libc6")).hasSize(2);
    }

    @Test
    void heldAndHalfConfiguredPackagesAreStillOnDisk() {
        String status = """
                Package: held
                Status: hold ok installed
                Version: 1

                Package: broken
                Status: install reinstreq half-configured
                Version: 2

                Package: pending
                Status: install ok triggers-pending
                Version: 3
                """;
        assertThat(DpkgStatus.parse(status).installed()).extracting(Software::name)
                .containsExactly("held", "broken", "pending");
    }
}
