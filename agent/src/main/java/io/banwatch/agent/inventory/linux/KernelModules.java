package io.banwatch.agent.inventory.linux;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses /proc/modules: the loaded kernel modules, one per line.
 * <pre>
 * tls 139264 0 - Live 0x0000000000000000
 * kav4fs_oas 241664 2 redirfs, Live 0x0000000000000000 (OE)
 * </pre>
 */
public final class KernelModules {
    private KernelModules() {
    }

    public static List<Evidence> parse(String content) {
        List<Evidence> out = new ArrayList<>();
        for (String line : content.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                String taint = line.endsWith(")") && line.lastIndexOf('(') > 0
                        ? line.substring(line.lastIndexOf('(') + 1, line.length() - 1) : null;
                out.add(new Evidence(EvidenceKind.KERNEL_MODULE, "proc-modules", line.substring(0, space), null,
                        taint == null ? null : "taint=" + taint));
            }
        }
        return out;
    }
}
