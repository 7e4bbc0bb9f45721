package io.banwatch.model;

/**
 * The scanned machine.
 *
 * @param id       a stable id derived from machine-id, hardware UUID or MachineGuid; never the hostname
 * @param hostname the host name
 * @param os       the operating system
 * @param arch     the machine architecture, e.g. {@code x86_64}, {@code aarch64}
 * @param domain   the Windows domain or DNS domain, or null
 */
public record Host(String id, String hostname, OsInfo os, String arch, String domain) {
    public Host {
        Required.text(id, "id");
        Required.text(hostname, "hostname");
        Required.field(os, "os");
    }
}
