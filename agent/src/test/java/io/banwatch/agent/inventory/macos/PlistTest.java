package io.banwatch.agent.inventory.macos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static io.banwatch.agent.inventory.macos.MacFixtures.plist;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlistTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Slack.app,  <?xml,    com.tinyspeck.slackmacgap, 4.41.105",
            "Safari.app, bplist00, com.apple.Safari,          17.6",
    })
    void readsXmlAndBinaryPlists(String app, String magic, String id, String version) {
        String file = "Applications/" + app + "/Contents/Info.plist";
        assertThat(MacFixtures.bytes("clean-sonoma", file)).startsWith(magic.getBytes(StandardCharsets.US_ASCII));
        Plist info = plist("clean-sonoma", file);
        assertThat(info.text("CFBundleIdentifier")).isEqualTo(id);
        assertThat(info.text("CFBundleShortVersionString")).isEqualTo(version);
    }

    @Test
    void readsAnOldStyleAsciiPlist() {
        Plist job = Plist.parse("{ Label = \"com.example.ascii\"; ProgramArguments = (\"/usr/bin/true\"); }"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(job.text("Label")).isEqualTo("com.example.ascii");
        assertThat(job.firstText("ProgramArguments")).isEqualTo("/usr/bin/true");
    }

    @Test
    void readsDatesAsTheirUtcDayInBothEncodings() {
        assertThat(plist("clean-sonoma", "var/db/receipts/com.microsoft.package.Microsoft_Word.app.plist")
                .date("InstallDate")).isEqualTo(LocalDate.of(2024, 11, 14));
        assertThat(plist("clean-sonoma", "var/db/receipts/org.xquartz.X11.plist").date("InstallDate"))
                .isEqualTo(LocalDate.of(2024, 4, 2));
    }

    @Test
    void readsNestedDictionariesAndSkipsArrayElementsOfOtherTypes() {
        // broken db.plist: three extension dictionaries, then the string "malformed row" and the integer 7.
        Plist db = plist("broken", "Library/SystemExtensions/db.plist");
        assertThat(db.dicts("extensions")).extracting(e -> e.text("identifier"))
                .containsExactly("com.example.orphaned", "com.example.noteam", "com.example.noversion");
        assertThat(db.dicts("extensions").get(0).dict("container")).isNull();
        assertThat(db.dicts("extensions").get(1).dict("container").text("bundlePath"))
                .isEqualTo("/Applications/NoTeam.app");
    }

    @Test
    void valuesOfTheWrongTypeReadAsAbsent() {
        // identifier is an integer, name an array, short version a dictionary, version a real.
        Plist wrong = plist("broken", "Applications/WrongTypes.app/Contents/Info.plist");
        assertThat(wrong.text("CFBundleIdentifier")).isNull();
        assertThat(wrong.text("CFBundleName")).isNull();
        assertThat(wrong.text("CFBundleShortVersionString")).isNull();
        assertThat(wrong.text("CFBundleVersion")).isNull();
        assertThat(wrong.firstText("CFBundleName")).isEqualTo("Wrong");
        assertThat(wrong.dicts("CFBundleIdentifier")).isEmpty();
        assertThat(wrong.date("CFBundleName")).isNull();
        assertThat(wrong.dict("CFBundleName")).isNull();
    }

    @Test
    void aProgramArgumentsStringIsNotAnArray() {
        Plist job = plist("broken", "Library/LaunchAgents/com.example.nolabel.plist");
        assertThat(job.firstText("ProgramArguments")).isNull();
        assertThat(job.text("RunAtLoad")).isEqualTo("yes");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Applications/EmptyInfo.app/Contents/Info.plist                  | empty file",
            "Applications/ArrayRoot.app/Contents/Info.plist                  | the root is an array, not a dictionary",
            "Applications/Kaspersky Anti-Virus For Mac.app/Contents/Info.plist | not a readable property list (PropertyListFormatException",
            "Applications/NotAPlist.app/Contents/Info.plist                  | not a readable property list (PropertyListFormatException",
            "Applications/TruncatedXml.app/Contents/Info.plist               | not a readable property list (SAXParseException",
            "Library/LaunchDaemons/com.example.truncated.plist               | not a readable property list (PropertyListFormatException",
            "Library/LaunchDaemons/com.example.notaplist.plist               | not a readable property list (ParseException",
            "Library/Extensions/Broken.kext/Contents/Info.plist              | not a readable property list (SAXParseException",
            "System/Library/CoreServices/SystemVersion.plist                 | not a readable property list (SAXParseException",
    })
    void aBrokenFileIsUnreadableInOneLineAndPrintsNothing(String file, String reason) {
        String stderr = capturingStderr(() -> assertThatThrownBy(() -> plist("broken", file))
                .isInstanceOf(Plist.Unreadable.class)
                .hasMessageStartingWith(reason)
                .hasMessageNotContaining("\n"));
        assertThat(stderr).isEmpty();
    }

    @Test
    void aMissingFileIsUnreadable() {
        assertThatThrownBy(() -> Plist.read(dir.resolve("nothing.plist")))
                .isInstanceOf(Plist.Unreadable.class).hasMessage("no such file");
    }

    @Test
    void aFileTooLargeToBeAPlistIsNotRead() throws IOException {
        Path huge = dir.resolve("huge.plist");
        Files.write(huge, new byte[16 * 1024 * 1024 + 1]);
        assertThatThrownBy(() -> Plist.read(huge)).isInstanceOf(Plist.Unreadable.class)
                .hasMessage("larger than 16 MiB");
    }

    @Test
    void anExternalEntityIsNeverRead() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "root:x:0:0");
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist [<!ENTITY leak SYSTEM "%s">]>
                <plist version="1.0"><dict><key>Label</key><string>&leak;</string></dict></plist>
                """.formatted(secret.toUri());
        // dd-plist's parser leaves the entity unexpanded: the string is empty, which reads as absent.
        assertThat(Plist.parse(xml.getBytes(StandardCharsets.UTF_8)).text("Label")).isNull();
    }

    /** Runs {@code body} with System.err captured; what it printed. */
    static String capturingStderr(Runnable body) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
