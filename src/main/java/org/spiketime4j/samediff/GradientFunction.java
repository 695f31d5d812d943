package org.spiketime4j.samediff;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Creates a graph's gradient function without DL4J 1.0.0-M2.1's console noise: its
 * {@code createGradFunction} prints one "Added differentiated op" line per op to {@code System.out}, and no
 * log level turns that off. Those lines are dropped; anything else written meanwhile passes through.
 * Call it once after building a graph and before {@code fit}, {@code calculateGradients} or {@code save}
 * (those create the function themselves, loudly, only when it is missing).
 */
public final class GradientFunction {

    private static final String NOISE = "Added differentiated op ";

    private GradientFunction() {
    }

    /**
     * Creates the gradient function of {@code sd} (for its loss variables) unless it exists.
     *
     * @param sd the graph; it must have at least one loss variable and one trainable variable
     */
    public static synchronized void create(SameDiff sd) {
        if (sd.getFunction("grad") != null) {
            return;
        }
        PrintStream original = System.out;
        System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
        try {
            sd.createGradFunction();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
    }

    /** Passes whole lines through unless they start with the noise prefix. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public void flush() {
            emit();
            target.flush();
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            if (!text.startsWith(NOISE)) {
                target.print(text);
            }
            line.reset();
        }
    }
}
