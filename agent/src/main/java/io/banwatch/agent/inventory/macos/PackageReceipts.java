package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Software;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Lists installer receipts: one {@code /var/db/receipts/<id>.plist} per package the macOS
 * installer put on the disk (what {@code pkgutil --pkgs} prints), read directly.
 *
 * <p>Recorded receipt ({@code plutil -p}):
 * <pre>
 * {
 *   "InstallDate" =&gt; 2024-11-14 17:02:55 +0000
 *   "InstallPrefixPath" =&gt; "Library/Caches/com.microsoft.autoupdate.helper/Clones.noindex"
 *   "InstallProcessName" =&gt; "installer"
 *   "PackageFileName" =&gt; "Microsoft_Word.pkg"
 *   "PackageIdentifier" =&gt; "com.microsoft.package.Microsoft_Word.app"
 *   "PackageVersion" =&gt; "16.91.24111020"
 * }
 * </pre>
 * The prefix is relative to the volume root, and an empty one means "/". Dragging an app to the
 * Trash does not remove its receipts, so a receipt can outlive the software it installed.
 */
final class PackageReceipts {
    static final String SOURCE = "pkgutil";
    static final String FOLDER = "/var/db/receipts";

    private PackageReceipts() {
    }

    static List<Software> read(MacRoot root, Consumer<String> problems) {
        return read(root, problems, problems);
    }

    /**
     * @param problems receipts that cannot be read
     * @param primary  the receipts folder itself missing or unreadable: the scan is then incomplete
     */
    static List<Software> read(MacRoot root, Consumer<String> problems, Consumer<String> primary) {
        List<Software> out = new ArrayList<>();
        for (Path file : root.listRequired(root.resolve(FOLDER), ".plist", primary)) {
            root.readPlistFile(file, (receipt, name, location) -> fromReceipt(receipt, name), problems).ifPresent(out::add);
        }
        return out;
    }

    /** The package a receipt records; {@code fileId} (the file's name) stands in for a missing identifier. */
    static Software fromReceipt(Plist receipt, String fileId) {
        String id = receipt.text("PackageIdentifier");
        if (id == null) {
            id = fileId;
        }
        return new Software(id, receipt.text("PackageVersion"), null, SOURCE, Software.MACHINE, null, id,
                receipt.date("InstallDate"), installLocation(receipt.text("InstallPrefixPath")));
    }

    static String installLocation(String prefix) {
        if (prefix == null || prefix.equals("/")) {
            return "/";
        }
        String absolute = prefix.startsWith("/") ? prefix : "/" + prefix;
        return absolute.endsWith("/") ? absolute.substring(0, absolute.length() - 1) : absolute;
    }
}
