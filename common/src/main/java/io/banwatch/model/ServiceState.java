package io.banwatch.model;

/**
 * The state of a Windows service or kernel driver, as {@code Win32_Service} and
 * {@code Win32_SystemDriver} report it, and what it proves. The one vocabulary of the service
 * evidence's {@code detail}: the Windows inventory source writes it with {@link #detail()}, the
 * rules read it with {@link #of(Evidence)}.
 *
 * <p>The detail is {@code "<State> <StartMode>"}, e.g. {@code "Running Auto"}, {@code "Stopped Disabled"},
 * {@code "Start Pending Auto"}, or whichever half is known; {@code ", image missing"} is added when
 * the program the service would start is not on the disk. States are WMI's: Stopped, Start Pending,
 * Stop Pending, Running, Continue Pending, Pause Pending, Paused, Unknown; start modes: Boot,
 * System, Auto, Manual, Disabled. WMI reports them in English on every Windows language.
 *
 * @param state        the run state, or null when not reported
 * @param startMode    the start mode, or null when not reported
 * @param imageMissing true when the service's program was looked for and is not there
 */
public record ServiceState(String state, String startMode, boolean imageMissing) {
    private static final String IMAGE_MISSING = ", image missing";
    private static final String[] START_MODES = {"Boot", "System", "Auto", "Manual", "Disabled"};

    /** The state written as the evidence detail, or null when nothing is known. */
    public String detail() {
        String text = state == null ? startMode : startMode == null ? state : state + " " + startMode;
        return text == null ? null : imageMissing ? text + IMAGE_MISSING : text;
    }

    /** The same state, with the service's program known to be missing. */
    public ServiceState withImageMissing() {
        return new ServiceState(state, startMode, true);
    }

    /** Read back from a detail written by {@link #detail()}; an unknown detail gives an unknown state. */
    public static ServiceState parse(String detail) {
        if (detail == null || detail.isBlank()) {
            return new ServiceState(null, null, false);
        }
        String text = detail.strip();
        boolean missing = text.endsWith(IMAGE_MISSING);
        if (missing) {
            text = text.substring(0, text.length() - IMAGE_MISSING.length());
        }
        int space = text.lastIndexOf(' ');
        String last = text.substring(space + 1);
        for (String mode : START_MODES) {
            if (mode.equalsIgnoreCase(last)) {
                return new ServiceState(space < 0 ? null : text.substring(0, space), mode, missing);
            }
        }
        return new ServiceState(text, null, missing);
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
     * What a service in this state proves. A running service is the product running; one set to start
     * at boot whose program is on the disk is an install that is merely stopped (crashed, or stopped by
     * hand). A stopped service that is disabled or manual, or whose program is gone, is a registration
     * left behind by an uninstall: a remnant.
     */
    public Presence servicePresence() {
        return running() || (startsAutomatically() && !imageMissing) ? Presence.INSTALLED : Presence.REMNANT;
    }
}
