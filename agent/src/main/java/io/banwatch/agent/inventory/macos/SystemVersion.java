package io.banwatch.agent.inventory.macos;

import io.banwatch.model.OsFamily;
import io.banwatch.model.OsInfo;

import java.util.function.Consumer;

/**
 * The macOS version from {@code /System/Library/CoreServices/SystemVersion.plist}, the file
 * {@code sw_vers} itself reads. Recorded, abridged:
 * <pre>
 * &lt;key&gt;ProductBuildVersion&lt;/key&gt; &lt;string&gt;23G93&lt;/string&gt;
 * &lt;key&gt;ProductName&lt;/key&gt;         &lt;string&gt;macOS&lt;/string&gt;
 * &lt;key&gt;ProductVersion&lt;/key&gt;      &lt;string&gt;14.6.1&lt;/string&gt;
 * </pre>
 * When the file cannot be read the OS is still macOS, with its version unknown.
 */
final class SystemVersion {
    static final String SOURCE = "system-version";
    static final String FILE = "/System/Library/CoreServices/SystemVersion.plist";
    static final OsInfo UNKNOWN = new OsInfo(OsFamily.MACOS.id(), "macOS", null, null);

    private SystemVersion() {
    }

    static OsInfo read(MacRoot root, Consumer<String> problems) {
        return root.plist(root.resolve(FILE), problems).map(SystemVersion::parse).orElse(UNKNOWN);
    }

    static OsInfo parse(Plist plist) {
        String version = plist.text("ProductVersion");
        return new OsInfo(OsFamily.MACOS.id(), version == null ? "macOS" : "macOS " + version, version,
                plist.text("ProductBuildVersion"));
    }
}
