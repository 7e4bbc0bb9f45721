package io.banwatch.agent.send;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The host tokens this agent holds, one per host id, so each report is sent under the identity of
 * the host it describes: this machine's in {@code host-token} (as always), every other host's (an
 * image scanned with {@code --root}) in {@code host-tokens/<host id>}. All are owner-only.
 */
public final class HostTokens {
    private final HostToken own;
    private final Path othersDir;

    /**
     * @param ownFile   this machine's token file
     * @param othersDir the folder of other hosts' token files
     */
    public HostTokens(Path ownFile, Path othersDir) {
        this.own = new HostToken(ownFile);
        this.othersDir = othersDir;
    }

    /** This machine's token. */
    public HostToken own() {
        return own;
    }

    /** The token of another host: a file named by its host id. */
    public HostToken other(String hostId) {
        return new HostToken(othersDir.resolve(fileName(hostId)));
    }

    /** The stored token issued for {@code hostId} by {@code collector}, this machine's or another host's. */
    public Optional<HostToken.Stored> find(String hostId, String collector) {
        Optional<HostToken.Stored> mine = own.read().filter(t -> t.hostId().equals(hostId));
        Optional<HostToken.Stored> found = mine.isPresent() ? mine : other(hostId).read();
        return found.filter(t -> t.collector().equals(collector));
    }

    /**
     * Whether {@code hostId} is this machine's, as far as the stored token tells: empty when this
     * machine has no token yet.
     */
    public Optional<Boolean> isOwn(String hostId) {
        return own.read().map(t -> t.hostId().equals(hostId));
    }

    /** Host ids are letters, digits and {@code . _ : -}; ':' is no file-name character on Windows. */
    static String fileName(String hostId) {
        StringBuilder b = new StringBuilder(hostId.length());
        for (char c : hostId.toCharArray()) {
            if (Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-') {
                b.append(c);
            } else {
                b.append('%').append(String.format("%02X", (int) c & 0xff));
            }
        }
        return b.toString().startsWith(".") ? "%2E" + b.substring(1) : b.toString();
    }
}
