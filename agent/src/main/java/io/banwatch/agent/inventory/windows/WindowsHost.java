package io.banwatch.agent.inventory.windows;

import io.banwatch.model.OsFamily;
import com.fasterxml.jackson.databind.JsonNode;
import io.banwatch.agent.inventory.HostId;
import io.banwatch.model.Host;
import io.banwatch.model.OsInfo;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Host facts of a Windows machine.
 *
 * <p>Recorded {@code host} section:
 * <pre>
 * {"ComputerName":"BUH-PC07","Domain":"office.local","PartOfDomain":true,"Caption":"Майкрософт Windows 10 Pro",
 * "Version":"10.0.19045","BuildNumber":"19045","ProductType":1,"OSArchitecture":"64-разрядная",
 * "MachineGuid":"9e4b7a10-5c2d-4f8e-a613-0d7b92c4e5f1"}
 * </pre>
 * The host id is derived from {@code HKLM\SOFTWARE\Microsoft\Cryptography\MachineGuid}, which
 * Windows creates at setup and keeps across agent reinstalls; the GUID itself is never reported.
 * OSArchitecture is localized text ("64-bit", "64-разрядная", "ARM 64-bit Processor").
 */
public final class WindowsHost {
    public static final String SECTION = "host";

    private WindowsHost() {
    }

    /**
     * The host the {@code host} section describes.
     *
     * @throws IllegalArgumentException when the section has no host object or no MachineGuid
     */
    public static Host parse(String json) {
        List<JsonNode> objects = PowerShellJson.objects(json);
        if (objects.isEmpty()) {
            throw new IllegalArgumentException("no host facts in the output");
        }
        JsonNode facts = objects.get(0);
        String id = HostId.derive(PowerShellJson.text(facts, "MachineGuid"));
        String hostname = PowerShellJson.text(facts, "ComputerName");
        if (id == null || hostname == null) {
            String missing = id == null ? "MachineGuid" : "ComputerName";
            throw new IllegalArgumentException("the host section has no " + missing);
        }
        OsInfo os = new OsInfo(OsFamily.WINDOWS.id(), PowerShellJson.text(facts, "Caption"), PowerShellJson.text(facts, "Version"),
                PowerShellJson.text(facts, "BuildNumber"));
        String domain = Boolean.TRUE.equals(PowerShellJson.bool(facts, "PartOfDomain"))
                ? PowerShellJson.text(facts, "Domain") : null;
        return new Host(id, hostname, os, normaliseArch(PowerShellJson.text(facts, "OSArchitecture")), domain);
    }

    /**
     * The host from the process environment, for when PowerShell could not tell. The id comes from
     * the MachineGuid read another way; without one it is derived from the host name, which is stable
     * only until the machine is renamed.
     *
     * @param env         the environment (COMPUTERNAME, PROCESSOR_ARCHITECTURE, ...)
     * @param machineGuid the MachineGuid, or null when it could not be read
     */
    public static Host fromEnvironment(Function<String, String> env, String machineGuid) {
        String hostname = env.apply("COMPUTERNAME");
        if (hostname == null || hostname.isBlank()) {
            hostname = "localhost";
        }
        String id = HostId.derive(machineGuid);
        if (id == null) {
            id = HostId.derive("windows-hostname:" + hostname.toLowerCase(Locale.ROOT));
        }
        // PROCESSOR_ARCHITEW6432 is set only for a 32-bit process on 64-bit Windows, and names the OS's architecture.
        String arch = env.apply("PROCESSOR_ARCHITEW6432");
        if (arch == null) {
            arch = env.apply("PROCESSOR_ARCHITECTURE");
        }
        return new Host(id, hostname.strip(), new OsInfo(OsFamily.WINDOWS.id(), null, null, null), normaliseArch(arch), null);
    }

    /**
     * The MachineGuid from {@code reg.exe query HKLM\SOFTWARE\Microsoft\Cryptography /v MachineGuid /reg:64}:
     * <pre>
     *
     * HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Cryptography
     *     MachineGuid    REG_SZ    6c1f2a9e-3b7d-4e58-9a0c-2f8d71e4b5a3
     *
     * </pre>
     * or null when the output has no such line.
     */
    static String machineGuidFromReg(String output) {
        for (String line : output.split("\r?\n")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length == 3 && columns[0].equalsIgnoreCase("MachineGuid") && columns[1].equals("REG_SZ")) {
                return columns[2];
            }
        }
        return null;
    }

    /** x86_64, aarch64 or i686 from OSArchitecture text or a PROCESSOR_ARCHITECTURE value (AMD64, ARM64, x86). */
    static String normaliseArch(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("arm")) {
            return t.contains("64") ? "aarch64" : "arm";
        }
        if (t.contains("64")) {
            return "x86_64";
        }
        return t.contains("32") || t.contains("86") ? "i686" : null;
    }
}
