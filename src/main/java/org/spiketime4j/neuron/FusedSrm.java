package org.spiketime4j.neuron;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward recurrence of {@link SrmForward} and the backward sweep of {@link SpikeTimeBackward} as
 * fused loops over the host memory of float arrays, for the CPU backend.
 *
 * <p>Why: written with ND4J ops, each step of the recurrence is about a dozen elementwise ops, and every
 * op is a full pass over memory (the first hidden layer of the MNIST network has 432,000 neurons per step)
 * plus 5-40 us of call overhead; ND4J 1.0.0-M2.1 cannot fuse them. Here each tile of {@value #TILE}
 * neurons is loaded once, all T steps run on it in cache, and the results are stored once.
 *
 * <p>The formulas are those of {@link SrmNeuron} as run by {@link SrmForward} and {@link SpikeTimeBackward}
 * (their Javadoc is the reference; this is the SRM neuron's accelerated form, other models never run here), evaluated operation by operation in the same order in float arithmetic, as ND4J's float
 * kernels do: the results equal those of the ND4J-op path ({@code FusedKernelsTest} checks it). Each
 * inner loop is a small method over a few arrays, without branches, so that the JIT compiles and
 * vectorizes it on its own whatever mix of layers calls it. Double arrays (the conformance checks),
 * other backends (CUDA), arrays that are not contiguous and runs with the system property
 * {@value KernelDispatch#PROPERTY}{@code =false} take the ND4J-op path ({@link KernelDispatch}).
 */
final class FusedSrm {

    /**
     * Neurons per tile: the per-tile state (a dozen float arrays, 3.5 KB each) stays in the L1/L2 cache. Not a power
     * of two: with 1,024 (4 KB arrays, allocated back to back) a load and a store of the same index in two arrays
     * are a multiple of 4 KB apart, which the CPU takes for a possible dependency (4K aliasing); single-threaded,
     * static first layer of the MNIST network (216,000 neurons x 5 steps): 1.01-1.07 ms with 1,024, 0.56-0.63
     * with 640 to 1,000 (1,536 is slow again), the backward sweep of its second layer 1.53 -> 0.87-1.05 ms.
     */
    private static final int TILE = 896;

    /** 2^126 x 2^23 = 2^149 lifts the smallest positive float to 1 (see {@link #step}). */
    private static final float LIFT_A = 0x1p126f;
    private static final float LIFT_B = 0x1p23f;

    private FusedSrm() {
    }

    /**
     * {@link SrmForward#run(NeuronModel, INDArray, INDArray, long, boolean)} with the same arguments and results,
     * except that a static current's du is not stored: the trace recomputes it from the current when it is read
     * ({@link SrmTrace#deltaU}), and the backward pass of a static input recomputes it tile by tile
     * ({@link #weightPathOverSteps}). Storing it cost a write and a read of {@code T x K} floats, the largest
     * arrays of the MNIST network (8.6 MB per step in its first layer).
     *
     * @param neuron              the neuron constants
     * @param current             {@code [T, K]} or {@code [1, K]} (static), float
     * @param thresholdPerChannel {@code [1, C]}, float
     * @param spatial             positions per channel
     * @param keepGradTrace       whether to record g
     * @return spikes, du and g (or null), each {@code [T, K]}
     */
    static SrmTrace forward(SrmNeuron neuron, INDArray current, INDArray thresholdPerChannel, int spatial,
                            boolean keepGradTrace) {
        float[] perChannel = new float[(int) thresholdPerChannel.length()];
        new HostRows(thresholdPerChannel).read(0, 0, perChannel.length, perChannel);
        Inputs inputs = new Inputs(neuron, current, perChannel, spatial);
        if (isStatic(neuron, current) && !keepGradTrace) {
            return new SrmTrace(run(inputs, false, false).spikes(), inputs);
        }
        SrmForward.History<INDArray> h = run(inputs, true, keepGradTrace);
        return new SrmTrace(h.spikes(), h.deltaU(), h.gradTrace());
    }

    /** @return whether the current is one row used at every one of several steps */
    private static boolean isStatic(SrmNeuron neuron, INDArray current) {
        return current.size(0) == 1 && neuron.timeSteps() > 1;
    }

    /**
     * What a run reads: the neuron, its current and thresholds (a copy, unchanged by later optimiser steps).
     * For a static current it is also what a trace keeps instead of du ({@link SrmTrace#staticInputs}).
     *
     * @param neuron     the neuron constants
     * @param current    {@code [T, K]} or {@code [1, K]}, float
     * @param perChannel the threshold of each channel
     * @param spatial    positions per channel
     */
    record Inputs(SrmNeuron neuron, INDArray current, float[] perChannel, int spatial) {

        /** @return du of the run, {@code [T, K]}, recomputed */
        INDArray deltaU() {
            return run(this, true, false).deltaU();
        }
    }

    /**
     * @param inputs        the neuron, current and thresholds
     * @param keepDeltaU    whether to store du (otherwise the trace's du is null)
     * @param keepGradTrace whether to record g
     * @return spikes, du and g, each {@code [T, K]} or null when not kept
     */
    private static SrmForward.History<INDArray> run(Inputs inputs, boolean keepDeltaU, boolean keepGradTrace) {
        SrmNeuron neuron = inputs.neuron();
        int steps = neuron.timeSteps();
        int k = (int) inputs.current().size(1);
        INDArray spikes = Nd4j.createUninitialized(DataType.FLOAT, steps, k);
        INDArray deltaU = keepDeltaU ? Nd4j.createUninitialized(DataType.FLOAT, steps, k) : null;
        INDArray gradTrace = keepGradTrace ? Nd4j.createUninitialized(DataType.FLOAT, steps, k) : null;
        HostRows in = new HostRows(inputs.current());
        HostRows sOut = new HostRows(spikes);
        HostRows duOut = keepDeltaU ? new HostRows(deltaU) : null;
        HostRows gOut = keepGradTrace ? new HostRows(gradTrace) : null;
        boolean isStatic = isStatic(neuron, inputs.current());
        float dg = (float) neuron.gradDecay();
        Tiles.inParallel(k, TILE, (start, end) -> {
            Recurrence r = new Recurrence(inputs);
            float[] cur = new float[TILE];
            float[] gt = new float[TILE];
            float[] g = new float[TILE];
            for (int from = start; from < end; from += TILE) {
                int n = Math.min(TILE, end - from);
                r.begin(from, n);
                Arrays.fill(g, 0f);
                for (int t = 0; t < steps; t++) {
                    if (t == 0 || !isStatic) {
                        in.read(t, from, n, cur);
                        r.input(cur, n);
                    }
                    r.step(n);
                    if (keepGradTrace) {
                        integrateGradTrace(g, cur, r.silent, dg, gt, n);
                        gOut.write(t, from, n, gt);
                    }
                    sOut.write(t, from, n, r.s);
                    if (keepDeltaU) {
                        duOut.write(t, from, n, r.du);
                    }
                }
            }
        });
        return new SrmForward.History<>(spikes, deltaU, gradTrace, null);
    }

    /**
     * The forward recurrence of one tile of neurons, one step at a time; {@link #s}, {@link #silent} and
     * {@link #du} hold the last step's values.
     */
    private static final class Recurrence {
        private final float[] perChannel;
        private final int spatial;
        private final float scale;
        private final float dm;
        private final float ds;
        private final float[] scaled = new float[TILE];
        private final float[] thr = new float[TILE];
        private final float[] m = new float[TILE];
        private final float[] q = new float[TILE];
        private final float[] u = new float[TILE];
        private final float[] uAfterReset = new float[TILE];
        final float[] silent = new float[TILE];
        final float[] s = new float[TILE];
        final float[] du = new float[TILE];

        Recurrence(Inputs inputs) {
            this.perChannel = inputs.perChannel();
            this.spatial = inputs.spatial();
            this.scale = (float) inputs.neuron().kernelScale();
            this.dm = (float) inputs.neuron().memDecay();
            this.ds = (float) inputs.neuron().synDecay();
        }

        /** Starts neurons {@code from .. from+n-1} at zero state: step 0 then gives exactly (0 + x) d = x d. */
        void begin(int from, int n) {
            thresholdsOfTile(perChannel, spatial, from, n, thr);
            Arrays.fill(m, 0f);
            Arrays.fill(q, 0f);
            Arrays.fill(uAfterReset, 0f);
        }

        /** Sets the current of the next steps. */
        void input(float[] cur, int n) {
            scale(cur, scale, scaled, n);
        }

        /** Advances one step, into {@link #s} and {@link #du}. */
        void step(int n) {
            step(n, s, du);
        }

        /**
         * Advances one step, writing s and du into the given arrays instead (the static sweep's per-step rows, which
         * a copy from {@link #s} and {@link #du} cost 0.4 ms of CPU per MNIST training step); {@link #silent} as usual.
         */
        void step(int n, float[] spikes, float[] deltaU) {
            integrate(m, q, scaled, uAfterReset, u, deltaU, dm, ds, n);
            fireAndReset(thr, u, m, q, uAfterReset, silent, spikes, n);
        }
    }

    /**
     * The thresholds of neurons {@code from .. from+n-1}: neuron k has {@code perChannel[(k / spatial) mod C]}, in
     * runs of one channel's positions (one division per run, not per neuron).
     */
    static void thresholdsOfTile(float[] perChannel, int spatial, int from, int n, float[] thr) {
        int channels = perChannel.length;
        int i = 0;
        if (spatial == 1) {
            while (i < n) {
                int channel = (from + i) % channels;
                int run = Math.min(n - i, channels - channel);
                System.arraycopy(perChannel, channel, thr, i, run);
                i += run;
            }
            return;
        }
        while (i < n) {
            int k = from + i;
            int run = Math.min(n - i, spatial - k % spatial);
            Arrays.fill(thr, i, i + run, perChannel[(k / spatial) % channels]);
            i += run;
        }
    }

    /** {@code scaled = I theta_s/(theta_s - theta_m)}. */
    private static void scale(float[] cur, float factor, float[] scaled, int n) {
        for (int i = 0; i < n; i++) {
            scaled[i] = cur[i] * factor;
        }
    }

    /*
     * One step is two loops, each over a few arrays: fewer passes over the tile than one loop per formula (1.3 against
     * 1.8 cycles per neuron on this machine), and still simple enough for the JIT to vectorize (one loop for the
     * whole step is not: 9 cycles per neuron).
     */

    /**
     * {@code m = (m + scaled) decay_m}, {@code q = (q + scaled) decay_s}, then {@code u = m - q},
     * {@code du = u - u_after_reset}.
     */
    private static void integrate(float[] m, float[] q, float[] scaled, float[] uAfterReset, float[] u, float[] du,
                                  float dm, float ds, int n) {
        for (int i = 0; i < n; i++) {
            float mi = (m[i] + scaled[i]) * dm;
            float qi = (q[i] + scaled[i]) * ds;
            m[i] = mi;
            q[i] = qi;
            float ui = mi - qi;
            u[i] = ui;
            du[i] = ui - uAfterReset[i];
        }
    }

    /**
     * {@code silent = step(threshold - u)}, {@code s = 1 - silent}, then the reset on a spike: {@code m, q *= silent},
     * {@code u_after_reset = u silent}. The two traces are reset in loops of their own: in the same loop as the
     * firing, HotSpot 17 does not vectorize it (6 against 1.1 cycles per neuron on this machine).
     */
    private static void fireAndReset(float[] thr, float[] u, float[] m, float[] q, float[] uAfterReset, float[] silent,
                                     float[] s, int n) {
        for (int i = 0; i < n; i++) {
            float quiet = step(thr[i] - u[i]);
            silent[i] = quiet;
            s[i] = 1f - quiet;
            uAfterReset[i] = u[i] * quiet;
        }
        resetTrace(m, silent, n);
        resetTrace(q, silent, n);
    }

    /** {@code trace *= silent}. */
    private static void resetTrace(float[] trace, float[] silent, int n) {
        for (int i = 0; i < n; i++) {
            trace[i] = trace[i] * silent[i];
        }
    }

    /**
     * ND4J's step, 1 for d &gt; 0, else 0, without a branch (a data-dependent branch stops vectorization): every
     * positive float, subnormals included, times 2^149 is at least 1. Equal to step for every d but NaN.
     *
     * @param d a value
     * @return step(d)
     */
    static float step(float d) {
        return Math.min(1f, Math.max(0f, d) * LIFT_A * LIFT_B);
    }

    /** {@code g = (g + I) decay_g} (recorded), then reset: {@code g = g silent}. */
    private static void integrateGradTrace(float[] g, float[] cur, float[] silent, float dg, float[] gt, int n) {
        for (int i = 0; i < n; i++) {
            gt[i] = (g[i] + cur[i]) * dg;
            g[i] = gt[i] * silent[i];
        }
    }

    /**
     * {@link SpikeTimeBackward#sweep} with the same arguments and results.
     *
     * @param neuron     the neuron constants
     * @param trace      the forward record (float), with its gradTrace when {@code needInput}
     * @param gradSpikes dL/dt, {@code [T, K]}, float
     * @param needInput  whether to compute the input path
     * @return Gw and Gin (null when not needed)
     */
    static SpikeTimeBackward.CurrentGradients sweep(SrmNeuron neuron, SrmTrace trace, INDArray gradSpikes,
                                                    boolean needInput) {
        return sweep(neuron, trace, gradSpikes, needInput, false);
    }

    /**
     * {@link SpikeTimeBackward#weightPathOverSteps} with the same arguments and results: the sweep of the weight
     * path, each tile's T rows summed in step order before they are stored. When the trace kept a static current
     * instead of du, each tile's spikes and du are recomputed from it first, in cache (the same floats).
     *
     * @param neuron     the neuron constants
     * @param trace      the forward record (float)
     * @param gradSpikes dL/dt, {@code [T, K]}, float
     * @return Gw summed over the steps, {@code [1, K]}
     */
    static INDArray weightPathOverSteps(SrmNeuron neuron, SrmTrace trace, INDArray gradSpikes) {
        return sweep(neuron, trace, gradSpikes, false, true).weightPath();
    }

    private static SpikeTimeBackward.CurrentGradients sweep(SrmNeuron neuron, SrmTrace trace, INDArray gradSpikes,
                                                            boolean needInput, boolean sumSteps) {
        int steps = (int) trace.spikes().size(0);
        int k = (int) trace.spikes().size(1);
        INDArray weightPath = Nd4j.createUninitialized(DataType.FLOAT, sumSteps ? 1 : steps, k);
        INDArray inputPath = needInput ? Nd4j.createUninitialized(DataType.FLOAT, steps, k) : null;
        Inputs inputs = trace.staticInputs();
        HostRows gradIn = new HostRows(gradSpikes);
        HostRows sIn = inputs == null ? new HostRows(trace.spikes()) : null;
        HostRows duIn = inputs == null ? new HostRows(trace.deltaU()) : null;
        HostRows current = inputs == null ? null : new HostRows(inputs.current());
        HostRows gtIn = needInput ? new HostRows(trace.gradTrace()) : null;
        HostRows wOut = new HostRows(weightPath);
        HostRows inOut = needInput ? new HostRows(inputPath) : null;
        float scale = (float) neuron.kernelScale();
        float dm = (float) neuron.memDecay();
        float ds = (float) neuron.synDecay();
        float dg = (float) neuron.gradDecay();
        float weightLow = (float) -SrmNeuron.WEIGHT_PATH_BOUND;
        float inputLow = (float) -SrmNeuron.INPUT_PATH_BOUND;
        Tiles.inParallel(k, TILE, (start, end) -> {
            float[] grad = new float[TILE];
            float[] s = new float[TILE];
            float[] silent = new float[TILE];
            float[] masked = new float[TILE];
            float[] coef = new float[TILE];
            float[] du = new float[TILE];
            float[] gt = new float[TILE];
            float[] mem = new float[TILE];
            float[] syn = new float[TILE];
            float[] inp = new float[TILE];
            float[] out = new float[TILE];
            float[][] perStep = sumSteps ? new float[steps][TILE] : null;
            Recurrence replay = inputs == null ? null : new Recurrence(inputs);
            float[][] sSteps = inputs == null ? null : new float[steps][TILE];
            float[][] duSteps = inputs == null ? null : new float[steps][TILE];
            for (int from = start; from < end; from += TILE) {
                int n = Math.min(TILE, end - from);
                Arrays.fill(mem, 0f);       // zero state: the last step needs no special case (see forward)
                Arrays.fill(syn, 0f);
                Arrays.fill(inp, 0f);
                if (replay != null) {
                    replayStatic(replay, current, from, n, grad, sSteps, duSteps);
                }
                for (int t = steps - 1; t >= 0; t--) {
                    gradIn.read(t, from, n, grad);
                    float[] spikesNow = s;
                    float[] duNow = du;
                    if (replay == null) {
                        sIn.read(t, from, n, s);
                        duIn.read(t, from, n, du);
                    } else {
                        spikesNow = sSteps[t];
                        duNow = duSteps[t];
                    }
                    maskToSpikes(grad, spikesNow, duNow, weightLow, masked, silent, coef, n);
                    if (sumSteps) {
                        creditWeightPath(mem, syn, silent, coef, dm, ds, scale, perStep[t], n);
                    } else {
                        creditWeightPath(mem, syn, silent, coef, dm, ds, scale, out, n);
                        wOut.write(t, from, n, out);
                    }
                    if (needInput) {
                        gtIn.read(t, from, n, gt);
                        creditInputPath(inp, silent, masked, gt, inputLow, dg, out, n);
                        inOut.write(t, from, n, out);
                    }
                }
                if (sumSteps) {
                    sumInStepOrder(perStep, out, n);
                    wOut.write(0, from, n, out);
                }
            }
        });
        return new SpikeTimeBackward.CurrentGradients(weightPath, inputPath);
    }

    /**
     * Recomputes the spikes and du of every step for neurons {@code from .. from+n-1} of a static current.
     *
     * @param replay  the recurrence of the trace's inputs
     * @param current the static current {@code [1, K]}
     * @param cur     scratch for the tile's current
     * @param s       receives s[t] of the tile, one row per step
     * @param du      receives du[t] of the tile, one row per step
     */
    private static void replayStatic(Recurrence replay, HostRows current, int from, int n, float[] cur, float[][] s,
                                     float[][] du) {
        replay.begin(from, n);
        current.read(0, from, n, cur);
        replay.input(cur, n);
        for (int t = 0; t < s.length; t++) {
            replay.step(n, s[t], du[t]);
        }
    }

    /** {@code sum = ((perStep[0] + perStep[1]) + ...) + perStep[T-1]}, as the ND4J-op path adds the rows. */
    private static void sumInStepOrder(float[][] perStep, float[] sum, int n) {
        System.arraycopy(perStep[0], 0, sum, 0, n);
        for (int t = 1; t < perStep.length; t++) {
            addTo(sum, perStep[t], n);
        }
    }

    /** {@code sum += x}. */
    private static void addTo(float[] sum, float[] x, int n) {
        for (int i = 0; i < n; i++) {
            sum[i] += x[i];
        }
    }

    /*
     * Each step is two or three loops (the merged ones were 10-20 % faster than one loop per formula on this machine,
     * and the JIT still vectorizes them, locals carrying values instead of stores and loads).
     */

    /**
     * {@code masked = grad s}, {@code silent = 1 - s}, and the weight path's coefficients
     * {@code coef = masked clamp(-1/du, low, 0)} (see {@link #clampedReciprocal}).
     */
    private static void maskToSpikes(float[] grad, float[] s, float[] du, float low, float[] masked, float[] silent,
                                     float[] coef, int n) {
        for (int i = 0; i < n; i++) {
            float m = grad[i] * s[i];
            masked[i] = m;
            silent[i] = 1f - s[i];
            coef[i] = m * clampedReciprocal(du[i], low);
        }
    }

    /**
     * {@code clamp(-1/x, low, 0)}: reverse division, max, then min, as ND4J's scalar ops (equal for every x but NaN
     * and infinities, which finite inputs do not produce).
     */
    private static float clampedReciprocal(float x, float low) {
        return Math.min(Math.max(-1f / x, low), 0f);
    }

    /**
     * The two geometric traces of eps: {@code mem = (mem silent + coef) decay_m}, {@code syn} the same with
     * decay_s, then {@code Gw = (mem - syn) scale}. {@code mem} has a loop of its own: with both traces updated in
     * one loop, HotSpot 17 vectorizes it only now and then (0.6 or 2.6 cycles per neuron, from one compilation to
     * the next; 0.5-0.7 as two loops).
     */
    private static void creditWeightPath(float[] mem, float[] syn, float[] silent, float[] coef, float dm, float ds,
                                         float scale, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            mem[i] = (mem[i] * silent[i] + coef[i]) * dm;
        }
        for (int i = 0; i < n; i++) {
            float y = (syn[i] * silent[i] + coef[i]) * ds;
            syn[i] = y;
            out[i] = (mem[i] - y) * scale;
        }
    }

    /**
     * The geometric trace of kappa: {@code coef = masked clamp(-1/g, low, 0)},
     * {@code inp = (inp silent + coef) decay_g}, {@code Gin = -inp}.
     */
    private static void creditInputPath(float[] inp, float[] silent, float[] masked, float[] gradTrace, float low,
                                        float dg, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            float v = (inp[i] * silent[i] + masked[i] * clampedReciprocal(gradTrace[i], low)) * dg;
            inp[i] = v;
            out[i] = -v;
        }
    }
}
