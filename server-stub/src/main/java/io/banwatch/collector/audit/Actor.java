package io.banwatch.collector.audit;

/**
 * Who made a change: a signed-in token (dashboard or API), someone at the collector's command
 * line, or the collector itself (a background job).
 *
 * @param kind    {@code token}, {@code cli} or {@code system}
 * @param name    the token's name, the operating-system user, or the job
 * @param tokenId the token's id when {@code kind} is {@code token}, else null
 */
public record Actor(String kind, String name, Long tokenId) {
    public Actor {
        if (kind == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a kind and a name");
        }
    }

    public static Actor token(long tokenId, String name) {
        return new Actor("token", name, tokenId);
    }

    /** Someone at the command line: the operating-system user running {@code banwatch-server}. */
    public static Actor commandLine() {
        return new Actor("cli", System.getProperty("user.name", "unknown"), null);
    }

    public static Actor system(String job) {
        return new Actor("system", job, null);
    }

    /** "compliance (token 12)", "cli: root", "system: rules". */
    public String describe() {
        return switch (kind) {
            case "token" -> name + " (token " + tokenId + ")";
            default -> kind + ": " + name;
        };
    }
}
