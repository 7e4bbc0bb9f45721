package io.banwatch.agent.cli;

/**
 * One {@code --name} option of a command: a flag when {@code label} is null, else it takes a value
 * ({@code --name VALUE} or {@code --name=VALUE}).
 */
record Option(String name, String label, String description) {

    static Option flag(String name, String description) {
        return new Option(name, null, description);
    }

    static Option valued(String name, String label, String description) {
        return new Option(name, label, description);
    }

    boolean takesValue() {
        return label != null;
    }
}
