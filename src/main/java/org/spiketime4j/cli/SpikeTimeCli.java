package org.spiketime4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code spiketime} command line. Each subcommand is a class of this package; errors the user
 * can fix (bad arguments, missing or corrupt files) print one line and exit with code 2 (set the
 * environment variable SPIKETIME_DEBUG to see the stack trace).
 */
@Command(name = "spiketime", mixinStandardHelpOptions = true, version = "spiketime 0.1.0",
        description = "Time-based training of spiking neural networks on Deeplearning4j.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PresetsCommand.class, VerifyCommand.class, NmnistCommand.class,
                PlotCommand.class, BenchCommand.class})
public final class SpikeTimeCli implements Runnable {

    /** Exit code for errors in the user's input (arguments, files). */
    public static final int USAGE_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new SpikeTimeCli());
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (isUserError(e)) {
                if (System.getenv("SPIKETIME_DEBUG") != null) {
                    e.printStackTrace(line.getErr());
                }
                line.getErr().println("error: " + e.getMessage());
                return USAGE_ERROR;
            }
            throw e;
        });
        return cl.execute(args);
    }

    private static boolean isUserError(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof IllegalStateException;
    }
}
