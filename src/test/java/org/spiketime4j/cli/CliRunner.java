package org.spiketime4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process, checks its exit code and returns what it printed. */
final class CliRunner {

    private CliRunner() {
    }

    /**
     * @param expectedCode the exit code the run must end with
     * @param args         the arguments
     * @return {stdout, stderr}
     */
    static String[] run(int expectedCode, String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            assertEquals(expectedCode, SpikeTimeCli.execute(args), "exit code of " + String.join(" ", args)
                    + "\nstderr: " + e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new String[]{o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    }
}
