package io.banwatch.agent;

import io.banwatch.agent.cli.AgentEnvironment;
import io.banwatch.agent.cli.BanwatchCli;

import java.io.PrintWriter;

/** The {@code banwatch} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new BanwatchCli(AgentEnvironment.system(), new PrintWriter(System.out), new PrintWriter(System.err))
                .run(args));
    }
}
