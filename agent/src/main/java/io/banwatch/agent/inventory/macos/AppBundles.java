package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Software;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Lists application bundles in /Applications (and one folder level below it, such as
 * /Applications/Utilities or a vendor folder like /Applications/Sophos) and in each user's
 * ~/Applications, from each bundle's {@code Contents/Info.plist}.
 *
 * <p>Recorded Info.plist (XML form; many are binary), abridged:
 * <pre>
 * &lt;key&gt;CFBundleDisplayName&lt;/key&gt;        &lt;string&gt;Google Chrome&lt;/string&gt;
 * &lt;key&gt;CFBundleIdentifier&lt;/key&gt;         &lt;string&gt;com.google.Chrome&lt;/string&gt;
 * &lt;key&gt;CFBundleName&lt;/key&gt;               &lt;string&gt;Chrome&lt;/string&gt;
 * &lt;key&gt;CFBundleShortVersionString&lt;/key&gt; &lt;string&gt;131.0.6778.86&lt;/string&gt;
 * &lt;key&gt;CFBundleVersion&lt;/key&gt;            &lt;string&gt;6778.86&lt;/string&gt;
 * </pre>
 * A folder named {@code *.app} without an Info.plist is not an application and is skipped; one
 * whose Info.plist cannot be read is reported as a problem, and the rule packs' path probes still
 * see the bundle by its name.
 */
final class AppBundles {
    static final String SOURCE = "macos-app";

    private AppBundles() {
    }

    static List<Software> read(MacRoot root, Consumer<String> problems) {
        return read(root, problems, problems);
    }

    /**
     * @param problems files and per-user folders that cannot be read
     * @param primary  /Applications itself missing or unreadable: the scan is then incomplete
     */
    static List<Software> read(MacRoot root, Consumer<String> problems, Consumer<String> primary) {
        List<Software> out = new ArrayList<>();
        addEntries(root, root.listRequired(root.resolve("/Applications"), null, primary), Software.MACHINE, out,
                problems);
        for (Path home : root.userHomes(problems)) {
            addEntries(root, root.list(home.resolve("Applications"), problems), "user:" + home.getFileName(), out,
                    problems);
        }
        return out;
    }

    /** The software an Info.plist describes; {@code bundleName} is the bundle's file name without ".app". */
    static Software fromInfo(Plist info, String bundleName, String location, String scope) {
        String name = info.text("CFBundleName");
        if (name == null) {
            name = info.text("CFBundleDisplayName");
        }
        return new Software(name == null ? bundleName : name, version(info), null, SOURCE, scope, null,
                info.text("CFBundleIdentifier"), null, location);
    }

    /** A bundle's marketing version ("21.24.1.21"), else its build number. */
    static String version(Plist info) {
        String marketing = info.text("CFBundleShortVersionString");
        return marketing != null ? marketing : info.text("CFBundleVersion");
    }

    private static void addEntries(MacRoot root, List<Path> entries, String scope, List<Software> out,
                                   Consumer<String> problems) {
        for (Path entry : entries) {
            if (isBundle(entry)) {
                bundle(root, entry, scope, problems).ifPresent(out::add);
            } else if (Files.isDirectory(entry)) {
                for (Path nested : root.list(entry, ".app", problems)) {
                    bundle(root, nested, scope, problems).ifPresent(out::add);
                }
            }
        }
    }

    private static Optional<Software> bundle(MacRoot root, Path bundle, String scope, Consumer<String> problems) {
        return root.readBundle(bundle, (info, name, location) -> fromInfo(info, name, location, scope), problems);
    }

    private static boolean isBundle(Path entry) {
        return entry.getFileName().toString().endsWith(".app") && Files.isDirectory(entry);
    }
}
