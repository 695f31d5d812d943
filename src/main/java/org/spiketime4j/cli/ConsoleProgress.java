package org.spiketime4j.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr ({@code label [#####.....] 1234/2000  61% 850/s}), redrawn at most ten times a
 * second. Thread-safe: workers may report from several threads.
 */
final class ConsoleProgress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream out;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private long lastDraw;
    private int shown = -1;
    private int latest = -1;
    private boolean closed;

    ConsoleProgress(PrintStream out, String label, int total) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
    }

    /**
     * Ends the bar's line early, showing the last count reported (work that finished before the total, as a
     * warm-up that settled); does nothing if nothing was reported or the bar is complete.
     */
    synchronized void finish() {
        if (closed) {
            return;
        }
        if (latest > shown) {
            draw(latest, System.nanoTime());
        }
        if (shown >= 0) {
            out.println();
            out.flush();
            closed = true;
        }
    }

    /** Reports that {@code done} items are finished; draws when due or when done. */
    synchronized void update(int done) {
        latest = Math.max(latest, done);
        long now = System.nanoTime();
        if (closed || done <= shown || (now - lastDraw < REDRAW_NANOS && done < total)) {
            return;
        }
        draw(done, now);
        if (done >= total) {
            out.println();
            closed = true;
        }
        out.flush();
    }

    private void draw(int done, long now) {
        lastDraw = now;
        shown = done;
        int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
        double seconds = Math.max(1e-9, (now - start) / 1e9);
        out.print(String.format(Locale.ROOT, "\r%s [%s%s] %d/%d %3d%% %.0f/s", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), done, total, 100L * done / total, done / seconds));
    }
}
