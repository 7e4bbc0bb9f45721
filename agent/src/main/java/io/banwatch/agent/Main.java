package io.banwatch.agent;

import io.banwatch.agent.cli.BanwatchCommand;

/** The {@code banwatch} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(BanwatchCommand.commandLine(AgentEnvironment.system(), args).execute(args));
    }
}
