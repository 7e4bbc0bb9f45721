package io.banwatch.server;

/** The collector's entry point; the server itself is being built (see the collector issue). */
public final class CollectorMain {
    private CollectorMain() {
    }

    public static void main(String[] args) {
        System.err.println("banwatch-server: the collector is not built yet");
        System.exit(2);
    }
}
