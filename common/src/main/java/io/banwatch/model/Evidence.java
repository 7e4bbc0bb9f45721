package io.banwatch.model;

import java.util.Objects;

/**
 * One trace seen on the host: a package, a service, a driver, a path, a process, a key.
 *
 * @param kind     what kind of trace
 * @param source   where the agent read it, e.g. {@code dpkg}, {@code systemd}, {@code proc}, {@code windows-services}
 * @param name     the trace's own name: package name, service name, process name, path, key
 * @param location where it lives when that differs from the name (unit file path, image path), or null
 * @param detail   a short free-text detail (version, state, start mode), or null
 */
public record Evidence(EvidenceKind kind, String source, String name, String location, String detail) {
    public Evidence {
        Required.field(kind, "kind");
        Required.text(source, "source");
        Required.text(name, "name");
    }

    public static Evidence of(EvidenceKind kind, String source, String name) {
        return new Evidence(kind, source, name, null, null);
    }

    /**
     * What this trace proves on its own: its kind's default, except that a Windows service proves
     * an install while it runs, or while it is set to start at boot and its program is on the disk
     * ({@link ServiceState#servicePresence()}). A driver stays a remnant whatever its state: a kernel
     * driver stays loaded after its product is uninstalled until the next restart, and input filters
     * (Kaspersky's klmouflt) stay attached after a removal.
     */
    public Presence presence() {
        return kind == EvidenceKind.SERVICE ? ServiceState.parse(detail).servicePresence() : kind.presence();
    }

    /** The evidence a software inventory entry gives. */
    public static Evidence of(Software software) {
        String where = software.location();
        return new Evidence(EvidenceKind.SOFTWARE, software.source(), software.name(), where, software.version());
    }

    // Written out, with the record's meaning: the generated ones bootstrap through
    // java.lang.runtime.ObjectMethods at first use, which costs a scan ~20 ms of start-up
    // (processes are de-duplicated in a set on every scan).
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Evidence e && kind == e.kind && source.equals(e.source) && name.equals(e.name)
                && Objects.equals(location, e.location) && Objects.equals(detail, e.detail);
    }

    @Override
    public int hashCode() {
        int h = kind.hashCode();
        h = 31 * h + source.hashCode();
        h = 31 * h + name.hashCode();
        h = 31 * h + Objects.hashCode(location);
        return 31 * h + Objects.hashCode(detail);
    }
}
