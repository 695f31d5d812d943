package org.spiketime4j.neuron;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A batch computed in two parts on two threads at once (the halves of a training batch,
 * {@code org.spiketime4j.train.SplitBatchNetwork}), and the few sums over the whole batch that a formula needs
 * whole although each part sees only its own examples: the label re-weighting and the balanced mean of the
 * counting losses ({@code LossFormulas.counting}). A formula passes its part's sums to {@link #wholeBatch}, which
 * returns the sums over both parts, the same numbers on both threads (part 0's plus part 1's); outside a split it
 * returns them unchanged.
 *
 * <p>Both parts must make the same calls in the same order (they run the same network on the same kind of batch).
 * A part that fails must {@link Exchange#abort()} the exchange, so that the other part, if it waits, fails too
 * ({@link PartnerFailedException}) instead of waiting forever.
 */
public final class BatchParts {

    private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();

    private BatchParts() {
    }

    /** The meeting point of the two parts of one batch, for one step. */
    public static final class Exchange {
        private final Object lock = new Object();
        private final double[][] slots = new double[2][];
        private boolean aborted;
        private int arrived;
        private long generation;

        /** Makes the other part's waiting, now or at its next exchange, fail with {@link PartnerFailedException}. */
        public void abort() {
            synchronized (lock) {
                aborted = true;
                lock.notifyAll();
            }
        }

        private double[] total(int part, double[] partial) {
            synchronized (lock) {
                slots[part] = partial.clone();
            }
            meet();
            double[] first;
            double[] second;
            synchronized (lock) {
                first = slots[0];
                second = slots[1];
            }
            if (first.length != second.length) {
                abort();
                throw new IllegalStateException("the parts of the batch exchanged " + first.length + " and "
                        + second.length + " sums");
            }
            double[] total = new double[first.length];
            for (int i = 0; i < total.length; i++) {
                total[i] = first[i] + second[i];
            }
            meet();                  // both have read the slots before either part writes its next sums
            return total;
        }

        /** Waits until both parts have arrived; fails as soon as the exchange is aborted. */
        private void meet() {
            synchronized (lock) {
                if (aborted) {
                    throw new PartnerFailedException("the other part of the batch failed", null);
                }
                long mine = generation;
                if (++arrived == 2) {
                    arrived = 0;
                    generation++;
                    lock.notifyAll();
                    return;
                }
                while (generation == mine && !aborted) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        aborted = true;
                        lock.notifyAll();
                        throw new PartnerFailedException("interrupted while waiting for the other part of the batch", e);
                    }
                }
                if (generation == mine) {
                    throw new PartnerFailedException("the other part of the batch failed", null);
                }
            }
        }
    }

    /** Thrown in a part whose partner failed; the partner's own failure is the one to report. */
    public static final class PartnerFailedException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PartnerFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Binding(Exchange exchange, int part) {
    }

    /**
     * Runs one part of a batch on the calling thread.
     *
     * @param exchange the step's exchange, shared by both parts
     * @param part     0 or 1
     * @param work     the part's computation
     * @param <R>      its result type
     * @return its result
     */
    public static <R> R run(Exchange exchange, int part, Supplier<R> work) {
        Objects.requireNonNull(exchange, "exchange");
        if (part != 0 && part != 1) {
            throw new IllegalArgumentException("part must be 0 or 1, got " + part);
        }
        if (CURRENT.get() != null) {
            throw new IllegalStateException("this thread already computes a part of a batch");
        }
        CURRENT.set(new Binding(exchange, part));
        try {
            return work.get();
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * @param partialSums sums over this part's examples
     * @return the sums over the whole batch: over both parts inside {@link #run}, else the arguments themselves
     */
    public static double[] wholeBatch(double... partialSums) {
        Binding b = CURRENT.get();
        return b == null ? partialSums : b.exchange().total(b.part(), partialSums);
    }

    /** @return whether the calling thread computes a part of a batch */
    public static boolean inPart() {
        return CURRENT.get() != null;
    }
}
