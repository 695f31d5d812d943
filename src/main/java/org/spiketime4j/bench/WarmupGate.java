package org.spiketime4j.bench;

import java.util.ArrayDeque;

/**
 * Decides when a benchmark's warm-up may end: after a minimum number of batches, once the JIT compiler
 * has settled, that is, once it spent at most {@value #SETTLED_SHARE_PERCENT}% of the wall time of the
 * last {@value #WINDOW} batches compiling; at the latest after a maximum number of batches.
 *
 * <p>Why: a training step goes through thousands of Java methods of DL4J and ND4J. On a 2-core machine
 * HotSpot keeps compiling (and recompiling) them for some 80 MNIST training steps, and its compiler
 * threads take a core from the computation meanwhile: the steps of that phase are 30-50% slower than
 * later ones. A fixed short warm-up would time that phase instead of the steady state.
 *
 * <p>Example: {@code DocExamplesTest#warmupGate}.
 */
public final class WarmupGate {

    /** Batches over which the compile share is measured. */
    public static final int WINDOW = 10;
    /** Largest share of the window's wall time spent compiling, in percent, for the JIT to count as settled. */
    public static final int SETTLED_SHARE_PERCENT = 2;

    private final int minimum;
    private final int maximum;
    private final ArrayDeque<double[]> window = new ArrayDeque<>();
    private int batches;
    private boolean settled;

    /**
     * @param minimum batches always run, &gt;= 0
     * @param maximum batches at most, &gt;= minimum (equal: a fixed warm-up)
     */
    public WarmupGate(int minimum, int maximum) {
        if (minimum < 0) {
            throw new IllegalArgumentException("warmup must be >= 0, got " + minimum);
        }
        if (maximum < minimum) {
            throw new IllegalArgumentException("maxWarmup must be >= warmup (" + minimum + "), got " + maximum);
        }
        this.minimum = minimum;
        this.maximum = maximum;
    }

    /**
     * Records one warm-up batch.
     *
     * @param wallMs its wall-clock time
     * @param jitMs  time the JIT compiler spent meanwhile (NaN when the JVM does not report it)
     */
    public void record(double wallMs, double jitMs) {
        batches++;
        window.addLast(new double[]{wallMs, jitMs});
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
        double wall = 0;
        double jit = 0;
        for (double[] b : window) {
            wall += b[0];
            jit += b[1];
        }
        settled = window.size() == WINDOW && jit <= wall * SETTLED_SHARE_PERCENT / 100.0;
    }

    /** @return whether another warm-up batch should run */
    public boolean needsMore() {
        return batches < minimum || (batches < maximum && !settled);
    }

    /** @return warm-up batches recorded so far */
    public int batches() {
        return batches;
    }

    /** @return whether the JIT compiler counted as settled at the last batch */
    public boolean settled() {
        return settled;
    }
}
