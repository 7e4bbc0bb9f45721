package io.banwatch.agent.cli;

/**
 * One {@code --name} option of a command: a flag when {@code label} is null, else it takes a value
 * ({@code --name VALUE} or {@code --name=VALUE}); a repeatable one may be given more than once.
 */
record Option(String name, String label, String description, boolean repeatable) {

    static Option flag(String name, String description) {
        return new Option(name, null, description, false);
    }

    static Option valued(String name, String label, String description) {
        return new Option(name, label, description, false);
    }

    static Option repeatable(String name, String label, String description) {
        return new Option(name, label, description, true);
    }

    boolean takesValue() {
        return label != null;
    }
}
