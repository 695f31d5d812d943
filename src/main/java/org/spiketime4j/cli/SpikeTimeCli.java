package org.spiketime4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import org.spiketime4j.data.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spiketime} command line. Each subcommand is a class of this package; errors the user
 * can fix (bad arguments, missing or corrupt files) print one line and exit with code 2 (pass {@code --debug} or
 * set the environment variable SPIKETIME_DEBUG to see the stack trace).
 */
@Command(name = "spiketime", mixinStandardHelpOptions = true, version = "spiketime 0.1.0",
        description = "Time-based training of spiking neural networks on Deeplearning4j.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PresetsCommand.class, VerifyCommand.class, NmnistCommand.class,
                PlotCommand.class, BenchCommand.class})
public final class SpikeTimeCli implements Runnable {

    /** Exit code for errors in the user's input (arguments, files). */
    public static final int USAGE_ERROR = 2;

    /** Exit code for a fault that is not the user's input (a bug, or the machine running out of memory). */
    public static final int INTERNAL_ERROR = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "print the stack trace of an error (also: environment variable SPIKETIME_DEBUG=1)")
    boolean debug;

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
     * Runs the command line without exiting. Every error ends in one line on stderr that starts with
     * {@code error:}: exit code {@link #USAGE_ERROR} for bad arguments and bad or unwritable files,
     * {@link #INTERNAL_ERROR} for anything else; the stack trace only with {@code --debug} or SPIKETIME_DEBUG.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        SpikeTimeCli root = new SpikeTimeCli();
        CommandLine cl = new CommandLine(root);
        cl.setParameterExceptionHandler((e, parsedArgs) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("error: " + oneLine(e.getMessage()) + " (see '"
                    + e.getCommandLine().getCommandSpec().qualifiedName(" ") + " --help')");
            return USAGE_ERROR;
        });
        cl.setExecutionExceptionHandler((e, line, parsed) -> report(e, line.getErr(), root.debug));
        try {
            return cl.execute(args);
        } catch (Error e) {
            return report(e, cl.getErr(), root.debug);
        }
    }

    private static int report(Throwable e, PrintWriter err, boolean debug) {
        if (debug || System.getenv("SPIKETIME_DEBUG") != null) {
            e.printStackTrace(err);
        }
        if (e instanceof OutOfMemoryError) {
            err.println("error: out of memory (" + oneLine(e.getMessage()) + "); try a smaller --batch or --limit, or "
                    + "more memory (SPIKETIME_JAVA_OPTS=-Xmx...)");
            err.flush();
            return INTERNAL_ERROR;
        }
        if (isUserError(e)) {
            err.println("error: " + oneLine(message(e)));
            err.flush();
            return USAGE_ERROR;
        }
        err.println("error: internal error, " + e.getClass().getSimpleName() + ": " + oneLine(message(e))
                + " (rerun with --debug for the stack trace)");
        err.flush();
        return INTERNAL_ERROR;
    }

    private static String message(Throwable e) {
        if (e instanceof IOException io) {
            return AtomicFiles.reason(io);
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            String cause = AtomicFiles.reason(u.getCause());
            return u.getMessage() == null || u.getMessage().equals(u.getCause().toString()) ? cause
                    : u.getMessage().contains(cause) ? u.getMessage() : u.getMessage() + ": " + cause;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static boolean isUserError(Throwable e) {
        return e instanceof IllegalArgumentException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof IllegalStateException;
    }
}
