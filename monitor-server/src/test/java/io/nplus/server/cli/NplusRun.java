package io.nplus.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the nplus command line in-process and keeps what it printed (public for the interop tests). */
public record NplusRun(int exit, String out, String err) {
    public static NplusRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new NplusRun(exit, out.toString(), err.toString());
    }
}
