package io.banwatch.model;

/**
 * The state of a Windows service or kernel driver, as {@code Win32_Service} and
 * {@code Win32_SystemDriver} report it, and what it proves. The one vocabulary of the service
 * evidence's {@code detail}: the Windows inventory source writes it with {@link #detail()}, the
 * rules read it with {@link #parse}.
 *
 * <p>The detail is {@code "<State> <StartMode>"}, e.g. {@code "Running Auto"}, {@code "Stopped Disabled"},
 * {@code "Start Pending Auto"}, or whichever half is known; for a stopped service that would start at
 * boot, the agent adds what it found on the disk: {@code ", program present"} or
 * {@code ", program missing"}. States are WMI's: Stopped, Start Pending, Stop Pending, Running,
 * Continue Pending, Pause Pending, Paused, Unknown; start modes: Boot, System, Auto, Manual,
 * Disabled. WMI reports them in English on every Windows language.
 *
 * @param state          the run state, or null when not reported
 * @param startMode      the start mode, or null when not reported
 * @param programPresent whether the program the service starts is on the disk, or null when not looked for
 */
public record ServiceState(String state, String startMode, Boolean programPresent) {
    private static final String PRESENT = ", program present";
    private static final String MISSING = ", program missing";
    private static final String[] START_MODES = {"Boot", "System", "Auto", "Manual", "Disabled"};

    /** A state as WMI reports it, nothing looked for on the disk. */
    public static ServiceState reported(String state, String startMode) {
        return new ServiceState(state, startMode, null);
    }

    /** The state written as the evidence detail, or null when nothing is known. */
    public String detail() {
        String text = state == null ? startMode : startMode == null ? state : state + " " + startMode;
        if (text == null || programPresent == null) {
            return text;
        }
        return text + (programPresent ? PRESENT : MISSING);
    }

    /** The same state, with what was found on the disk. */
    public ServiceState withProgram(boolean present) {
        return new ServiceState(state, startMode, present);
    }

    /** Read back from a detail written by {@link #detail()}; an unknown detail gives an unknown state. */
    public static ServiceState parse(String detail) {
        if (detail == null || detail.isBlank()) {
            return reported(null, null);
        }
        String text = detail.strip();
        Boolean present = null;
        if (text.endsWith(PRESENT)) {
            present = true;
            text = text.substring(0, text.length() - PRESENT.length());
        } else if (text.endsWith(MISSING)) {
            present = false;
            text = text.substring(0, text.length() - MISSING.length());
        }
        int space = text.lastIndexOf(' ');
        String last = text.substring(space + 1);
        for (String mode : START_MODES) {
            if (mode.equalsIgnoreCase(last)) {
                return new ServiceState(space < 0 ? null : text.substring(0, space), mode, present);
            }
        }
        return new ServiceState(text, null, present);
    }

    /** The state of a service or driver evidence; null for any other kind of evidence. */
    public static ServiceState of(Evidence evidence) {
        return evidence.kind() == EvidenceKind.SERVICE || evidence.kind() == EvidenceKind.DRIVER
                ? parse(evidence.detail()) : null;
    }

    /** Its program is running: started, starting, paused or on its way to stop or resume. */
    public boolean running() {
        return state != null && !state.equalsIgnoreCase("Stopped") && !state.equalsIgnoreCase("Unknown");
    }

    /** Windows starts it by itself at boot. */
    public boolean startsAutomatically() {
        return startMode != null && (startMode.equals("Auto") || startMode.equals("Boot") || startMode.equals("System"));
    }

    /**
     * What a service in this state proves. A running service is the product running. A stopped one
     * that Windows starts at boot is an install that is merely stopped (crashed, or stopped by hand)
     * when its program is on the disk, and the registration an uninstall left when it is not; when
     * nobody looked (a report from an older agent, a command line that names no file), it is not
     * taken for an install. A stopped service that is manual or disabled is a remnant.
     */
    public Presence servicePresence() {
        return running() || (startsAutomatically() && Boolean.TRUE.equals(programPresent))
                ? Presence.INSTALLED : Presence.REMNANT;
    }
}
