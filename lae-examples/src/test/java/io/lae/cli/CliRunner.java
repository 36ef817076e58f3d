package io.lae.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code lae} in-process and captures what it prints. */
record CliRunner(int exitCode, String out, String err) {

    static CliRunner run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = LaeCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRunner(code, out.toString(), err.toString());
    }

    /** @return the error output as lines, without trailing blank ones */
    String[] errLines() {
        return err.strip().split("\n");
    }
}
