package io.banwatch.agent.cli;

import java.io.PrintWriter;
import java.util.List;

/** A {@code banwatch} subcommand: what it accepts, and what it does with it. */
interface Subcommand {
    String name();

    /** One or two lines for help. */
    String description();

    List<Option> options();

    /** Its exit codes and what each means for it, for its help. */
    List<Usage.Code> exitCodes();

    /** Runs with parsed options; returns the exit code. User mistakes throw {@link UserError}. */
    int run(ParsedArgs args, PrintWriter out, PrintWriter err) throws InterruptedException;
}
