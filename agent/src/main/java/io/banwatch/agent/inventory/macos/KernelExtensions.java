package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists third-party kernel extensions installed in /Library/Extensions, from each
 * {@code *.kext/Contents/Info.plist}, whether loaded or not (legacy Kaspersky products left
 * {@code klif.kext} behind).
 *
 * <p>Recorded kext Info.plist, abridged:
 * <pre>
 * &lt;key&gt;CFBundleIdentifier&lt;/key&gt;  &lt;string&gt;com.kaspersky.kext.klif&lt;/string&gt;
 * &lt;key&gt;CFBundlePackageType&lt;/key&gt; &lt;string&gt;KEXT&lt;/string&gt;
 * &lt;key&gt;CFBundleVersion&lt;/key&gt;     &lt;string&gt;16.0.0&lt;/string&gt;
 * </pre>
 * The name is the bundle identifier, else the kext's file name; the detail is its version.
 */
final class KernelExtensions {
    static final String SOURCE = "kext";
    static final String FOLDER = "/Library/Extensions";

    private KernelExtensions() {
    }

    static List<Evidence> read(MacRoot root, Consumer<String> problems) {
        List<Evidence> out = new ArrayList<>();
        for (Path kext : root.list(root.resolve(FOLDER), ".kext", problems)) {
            root.readBundle(kext, KernelExtensions::fromInfo, problems).ifPresent(out::add);
        }
        return out;
    }

    static Evidence fromInfo(Plist info, String kextName, String location) {
        String id = info.text("CFBundleIdentifier");
        return new Evidence(EvidenceKind.KERNEL_EXTENSION, SOURCE, id == null ? kextName : id, location,
                AppBundles.version(info));
    }
}
