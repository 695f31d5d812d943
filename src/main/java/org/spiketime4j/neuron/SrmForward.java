package org.spiketime4j.neuron;

import java.util.EnumSet;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastCopyOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one time loop of a layer of spiking neurons in discrete time, written once against
 * {@link TensorAlgebra} (the DL4J layers run it on ND4J arrays, the SameDiff ops build it into a graph) and
 * against {@link NeuronModel} (the neuron's own recurrence; {@link SrmNeuron} is the paper's).
 *
 * <p>Per neuron, with the model's traces at zero at the start:
 * <pre>
 *   u[t]  = the membrane trace advanced with I[t]      ({@link NeuronModel#membrane})
 *   du[t] = u[t] - u_after_reset[t-1]                   (u_after_reset[-1] = 0)
 *   s[t]  = 1 if u[t] &gt;= threshold else 0
 *   g[t]  = the input-path trace advanced with I[t]    (kept for the backward pass only)
 *   on a spike: both traces reset                       (u_after_reset: the membrane's value after it)
 * </pre>
 * The loop runs over t only; every step is a handful of elementwise operations on one row.
 */
public final class SrmForward {

    private SrmForward() {
    }

    /** Optional series a run records besides spikes and du. */
    public enum Keep {
        /** g[t], the trace of the input-path gradient (before its reset). */
        GRAD_TRACE,
        /** u[t], the membrane potential before the reset. */
        POTENTIAL
    }

    /**
     * What drives a run.
     *
     * @param current      input current I, time on axis 0: T rows, or one row used at every step
     * @param gradCurrent  the current that drives g: the same values as {@code current} (SameDiff passes a
     *                     copy with another gradient path); may be null when g is not kept
     * @param isStatic     whether {@code current} (and {@code gradCurrent}) is one row used at every step
     * @param threshold    firing threshold, broadcastable against one row; unused when spikes are given
     * @param givenSpikes  null to fire at the threshold; otherwise the spikes (T rows) to reset on, in which
     *                     case the run only replays the linear traces
     * @param <T>          the tensor type
     */
    public record Drive<T>(T current, T gradCurrent, boolean isStatic, T threshold, T givenSpikes) {
    }

    /**
     * The series of a run, each with T rows (time on axis 0) and the shape of one row of the current.
     *
     * @param spikes    s[t], 0 or 1
     * @param deltaU    du[t] = u[t] - u_after_reset[t-1]
     * @param gradTrace g[t] before the reset, or null when not kept
     * @param potential u[t] before the reset, or null when not kept
     * @param <T>       the tensor type
     */
    public record History<T>(T spikes, T deltaU, T gradTrace, T potential) {
    }

    /**
     * Runs the neurons over all T steps of ND4J arrays: for the SRM neuron on the CPU backend as one fused
     * loop over the neurons ({@link FusedSrm}, the same numbers), otherwise with ND4J ops
     * ({@link KernelDispatch} decides).
     *
     * @param neuron        the neuron model; T is {@code neuron.timeSteps()}
     * @param current       input current I, {@code [T, K]}, or {@code [1, K]} when it is the same at every step
     *                      (static input: direct encoding of an image)
     * @param threshold     firing threshold of each neuron, {@code [1, K]}
     * @param keepGradTrace whether to record g for a later {@link SpikeTimeBackward#sweep}
     * @return spikes, du and (optionally) g, each {@code [T, K]}, in the data type of {@code current}
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static SrmTrace run(NeuronModel neuron, INDArray current, INDArray threshold, boolean keepGradTrace) {
        if (threshold.length() != current.size(current.rank() - 1)) {
            throw new IllegalArgumentException("threshold must have K=" + current.size(current.rank() - 1)
                    + " entries, got " + java.util.Arrays.toString(threshold.shape()));
        }
        return run(neuron, current, threshold, 1, keepGradTrace);
    }

    /**
     * {@link #run(NeuronModel, INDArray, INDArray, boolean)} for the neurons of a layer's channels, with one
     * threshold per channel: the K neurons of a row are (sample, channel, position) in that order, {@code spatial}
     * positions per channel, and neuron k fires at {@code thresholdPerChannel[(k / spatial) mod C]}. The fused
     * loop reads the C values as they are; the thresholds are expanded to K values only on the ND4J-op path.
     *
     * @param neuron              the neuron model; T is {@code neuron.timeSteps()}
     * @param current             input current I, {@code [T, K]}, or {@code [1, K]} (static input)
     * @param thresholdPerChannel C thresholds
     * @param spatial             positions per channel (H*W of a map, 1 for a dense layer), &gt;= 1
     * @param keepGradTrace       whether to record g for a later {@link SpikeTimeBackward#sweep}
     * @return spikes, du and (optionally) g, each {@code [T, K]}, in the data type of {@code current}
     * @throws IllegalArgumentException if the shapes do not fit: K must be a multiple of C x spatial
     */
    public static SrmTrace run(NeuronModel neuron, INDArray current, INDArray thresholdPerChannel, long spatial,
                               boolean keepGradTrace) {
        int steps = neuron.timeSteps();
        if (current.rank() != 2 || (current.size(0) != steps && current.size(0) != 1)) {
            throw new IllegalArgumentException("current must be [T=" + steps + ", K] or [1, K], got "
                    + java.util.Arrays.toString(current.shape()));
        }
        long k = current.size(1);
        long channels = thresholdPerChannel.length();
        if (spatial < 1 || channels == 0 || k % (channels * spatial) != 0) {
            throw new IllegalArgumentException("K=" + k + " neurons per row must be a multiple of the " + channels
                    + " thresholds (one per channel) times spatial=" + spatial + " (must be >= 1)");
        }
        INDArray thr = thresholdPerChannel.reshape(1, channels).castTo(current.dataType());
        return KernelDispatch.srmForward(neuron, current, thr, spatial, keepGradTrace);
    }

    /**
     * @param perChannel thresholds {@code [1, C]}
     * @param k          neurons per row, a multiple of C x spatial
     * @param spatial    positions per channel
     * @return one threshold per neuron, {@code [1, K]}
     */
    static INDArray perNeuron(INDArray perChannel, long k, long spatial) {
        long c = perChannel.length();
        if (c == k) {
            return perChannel;
        }
        INDArray out = Nd4j.createUninitialized(perChannel.dataType(), k / (c * spatial), c, spatial);
        // a legacy broadcast op along axis 1: INDArray.broadcast goes through a slow generic custom op
        Nd4j.getExecutioner().exec(new BroadcastCopyOp(out, perChannel.reshape(c), out, 1));
        return out.reshape(1, k);
    }

    /**
     * {@link #run(NeuronModel, INDArray, INDArray, long, boolean)} with ND4J ops only (the path of non-CPU
     * backends), for arguments already checked.
     */
    static SrmTrace runWithOps(NeuronModel neuron, INDArray current, INDArray thr, long spatial, boolean keepGradTrace) {
        thr = perNeuron(thr, current.size(1), spatial);
        boolean isStatic = current.size(0) == 1 && neuron.timeSteps() > 1;
        History<INDArray> h = run(Nd4jAlgebra.INSTANCE, neuron, new Drive<>(current, current, isStatic, thr, null),
                keepGradTrace ? EnumSet.of(Keep.GRAD_TRACE) : EnumSet.noneOf(Keep.class));
        return new SrmTrace(h.spikes(), h.deltaU(), h.gradTrace());
    }

    /**
     * Runs the neurons over all T steps in any tensor algebra.
     *
     * @param a      the algebra
     * @param neuron the neuron model; T is {@code neuron.timeSteps()}
     * @param drive  currents, threshold or given spikes
     * @param keep   which optional series to record
     * @param <T>    the tensor type
     * @return the recorded series
     */
    public static <T> History<T> run(TensorAlgebra<T> a, NeuronModel neuron, Drive<T> drive, Set<Keep> keep) {
        int steps = neuron.timeSteps();
        boolean keepGrad = keep.contains(Keep.GRAD_TRACE);
        TensorAlgebra.Series<T> spikes = a.series(steps);
        TensorAlgebra.Series<T> deltaU = a.series(steps);
        TensorAlgebra.Series<T> gradTrace = keepGrad ? a.series(steps) : null;
        TensorAlgebra.Series<T> potential = keep.contains(Keep.POTENTIAL) ? a.series(steps) : null;
        NeuronModel.Trace<T> membrane = neuron.membrane(a, drive.current(), drive.isStatic());
        NeuronModel.Trace<T> inputPath = keepGrad ? neuron.inputPathTrace(a, drive.gradCurrent(), drive.isStatic())
                : null;
        T uAfterReset = null;
        T silent = null;
        for (int t = 0; t < steps; t++) {
            T u = membrane.advance(t);
            deltaU.put(t, t == 0 ? u : a.sub(u, uAfterReset, deltaU.slot(t, u)));
            if (potential != null) {
                potential.put(t, u);
            }
            silent = drive.givenSpikes() == null
                    ? a.stepi(a.sub(drive.threshold(), u, silent))              // 1 where u < threshold
                    : a.rsub(1.0, a.row(drive.givenSpikes(), t), silent);
            silent = a.stopGradient(silent);
            spikes.put(t, a.rsub(1.0, silent, spikes.slot(t, silent)));
            if (keepGrad) {
                gradTrace.put(t, inputPath.advance(t));
                inputPath.reset(silent);
            }
            uAfterReset = membrane.reset(silent);
        }
        return new History<>(spikes.stacked(), deltaU.stacked(), keepGrad ? gradTrace.stacked() : null,
                potential == null ? null : potential.stacked());
    }
}
