package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The one place that decides how the neuron maths runs on ND4J arrays: as the fused CPU loops
 * ({@link FusedSrm}, {@link FusedPooling}, {@link FusedStandardization}; pooling forward as oneDNN's pooling where
 * it applies, {@link NativePooling}) or as ND4J ops (the formulas of
 * {@link SrmForward}, {@link SpikeTimeBackward}, {@link AdjustedAveragePooling} and
 * {@link WeightStandardization} written against {@link Nd4jAlgebra}). {@link FusedSrm} is the SRM neuron's
 * accelerated form: it runs for {@link SrmNeuron} only, every other {@link NeuronModel} takes the ND4J-op path.
 *
 * <p>The fused loops read and write the host memory of the arrays directly, so they run only on the CPU
 * backend, with float arrays that are rank 2, row-major and contiguous ({@link HostRows#supports}), and
 * when the system property {@value #PROPERTY} is not {@code false}. Everything else takes the ND4J-op path:
 * other backends (CUDA), double arrays (the conformance checks), strided views. Both paths give the same
 * floats bit for bit ({@code KernelDispatchTest}, {@code FusedKernelsTest}), except weight standardization,
 * whose channel sums the fused loop accumulates in double (equal to float rounding).
 */
public final class KernelDispatch {

    /** System property that turns the fused CPU loops off ({@code false}); on by default. */
    static final String PROPERTY = "spiketime.fusedKernels";

    private KernelDispatch() {
    }

    /**
     * @return whether ND4J's native library is the oneDNN build of nd4j-native (read once; false on other backends)
     */
    public static boolean oneDnnBuild() {
        return OneDnn.BUILD;
    }

    /** Holds the build check, made on first use, when the ND4J backend is loaded. */
    private static final class OneDnn {
        /** What the native library's build information lists when it was built with oneDNN. */
        static final boolean BUILD = Nd4j.getEnvironment().isCPU()
                && NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo().contains("HAVE_ONEDNN");
    }

    /**
     * @param arrays the arrays a fused loop would read or write (null entries are ignored)
     * @return true to run the fused loop: enabled, CPU backend and every array supported; false for ND4J ops
     */
    static boolean fused(INDArray... arrays) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true")) || !Nd4j.getEnvironment().isCPU()) {
            return false;
        }
        for (INDArray a : arrays) {
            if (a != null && !HostRows.supports(a)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The host memory of an array as one row {@code [1, length]}, its values in row-major order, for a loop over it
     * under the rule of the fused loops ({@link #fused}), here ({@link FiniteCheck}) or elsewhere (the updater
     * {@code ReferenceAdam}).
     *
     * @param x an array of any shape
     * @return the row, or null when the fused loops are off, the backend is not the CPU, or x is empty, not float,
     *         or not a row-major array with its elements back to back: then use ND4J ops
     */
    public static HostRows hostRow(INDArray x) {
        if (x.isEmpty() || !Nd4jAlgebra.isRowMajorContiguous(x)) {
            return null;
        }
        INDArray row = x.reshape('c', 1, x.length());      // a view: the values are back to back
        return fused(row) ? new HostRows(row) : null;
    }

    /**
     * {@link SrmForward#run(NeuronModel, INDArray, INDArray, long, boolean)} for checked arguments: the fused loop
     * for the SRM neuron, the model's own recurrence through ND4J ops for every other model.
     */
    static SrmTrace srmForward(NeuronModel neuron, INDArray current, INDArray thresholdPerChannel, long spatial,
                               boolean keepGradTrace) {
        return neuron instanceof SrmNeuron srm && fused(current, thresholdPerChannel)
                ? FusedSrm.forward(srm, current, thresholdPerChannel, (int) spatial, keepGradTrace)
                : SrmForward.runWithOps(neuron, current, thresholdPerChannel, spatial, keepGradTrace);
    }

    /** {@link SpikeTimeBackward#sweep} for checked arguments: the fused loop for the SRM neuron only. */
    static SpikeTimeBackward.CurrentGradients sweep(NeuronModel neuron, SrmTrace trace, INDArray gradSpikes,
                                                    boolean needInput) {
        return neuron instanceof SrmNeuron srm
                && fused(trace.spikes(), storedDeltaU(trace), needInput ? trace.gradTrace() : null, gradSpikes)
                ? FusedSrm.sweep(srm, trace, gradSpikes, needInput)
                : SpikeTimeBackward.sweepWithOps(neuron, trace, gradSpikes, needInput);
    }

    /** {@link SpikeTimeBackward#weightPathOverSteps} for checked arguments: the fused loop for the SRM neuron only. */
    static INDArray weightPathOverSteps(NeuronModel neuron, SrmTrace trace, INDArray gradSpikes) {
        return neuron instanceof SrmNeuron srm && fused(trace.spikes(), storedDeltaU(trace), gradSpikes)
                ? FusedSrm.weightPathOverSteps(srm, trace, gradSpikes)
                : SpikeTimeBackward.weightPathOverStepsWithOps(neuron, trace, gradSpikes);
    }

    /** @return the trace's du when stored, else null (a kept static current is replayed by the fused sweep) */
    private static INDArray storedDeltaU(SrmTrace trace) {
        return trace.staticInputs() == null ? trace.deltaU() : null;
    }

    /**
     * {@link AdjustedAveragePooling#forward(INDArray, int)} for checked arguments: oneDNN's pooling where it applies
     * ({@link NativePooling}), else the fused loop, under the rule of the fused loops.
     */
    static INDArray poolForward(INDArray input, int kernel) {
        if (!fused(flat(input))) {
            return AdjustedAveragePooling.forward(Nd4jAlgebra.INSTANCE, input, input.shape(), kernel);
        }
        INDArray pooled = NativePooling.forward(input, kernel);
        return pooled != null ? pooled : FusedPooling.forward(input, kernel);
    }

    /** {@link AdjustedAveragePooling#backward(INDArray, INDArray, int)} for checked arguments. */
    static INDArray poolBackward(INDArray input, INDArray gradOut, int kernel) {
        return fused(flat(input), flat(gradOut)) ? FusedPooling.backward(input, gradOut, kernel)
                : AdjustedAveragePooling.backwardWithOps(input, gradOut, kernel);
    }

    /**
     * {@link AdjustedAveragePooling#backward(INDArray, INDArray, INDArray, int)} for checked arguments: the counts
     * from the pooled maps when the fused loop can read them, else as {@link #poolBackward(INDArray, INDArray, int)}.
     */
    static INDArray poolBackward(INDArray input, INDArray pooled, INDArray gradOut, int kernel) {
        return fused(flat(pooled), flat(gradOut)) ? FusedPooling.backwardFromPooled(input.shape(), pooled, gradOut, kernel)
                : poolBackward(input, gradOut, kernel);
    }

    /**
     * {@link WeightStandardization#standardize} for checked arguments.
     *
     * @param weight raw weight {@code [C_out, ...]}
     * @param gamma  gain, {@code C_out} entries, in the weight's data type
     * @param beta   shift, {@code C_out} entries, in the weight's data type
     * @return W_hat with the statistics, or null to use the ND4J-op path
     */
    static WeightStandardization.Standardized standardize(INDArray weight, INDArray gamma, INDArray beta) {
        long channels = weight.size(0);
        INDArray w2 = weight.reshape('c', channels, weight.length() / channels);
        INDArray g = gamma.reshape('c', 1, channels);
        INDArray b = beta.reshape('c', 1, channels);
        if (!fused(w2, g, b)) {
            return null;
        }
        INDArray[] r = FusedStandardization.standardize(w2, g, b);
        return new WeightStandardization.Standardized(r[0].reshape('c', weight.shape()), r[1], r[2]);
    }

    /**
     * The backward of {@link WeightStandardization} for checked arguments.
     *
     * @param s        the forward pass's result
     * @param gamma    gain, {@code C_out} entries
     * @param gradWHat dL/dW_hat, shape of the weight
     * @return the gradients, or null to use the ND4J-op path
     */
    static WeightStandardization.Gradients standardizationBackward(WeightStandardization.Standardized s,
                                                                    INDArray gamma, INDArray gradWHat) {
        INDArray g2 = gradWHat.reshape('c', s.normalized().shape());
        INDArray g = gamma.reshape('c', 1, gamma.length()).castTo(s.normalized().dataType());
        if (!fused(s.normalized(), s.sigma(), g, g2)) {
            return null;
        }
        INDArray[] r = FusedStandardization.backward(s.normalized(), s.sigma(), g, g2);
        return new WeightStandardization.Gradients(r[0].reshape('c', s.weightHat().shape()), r[1], r[2]);
    }

    /**
     * {@link WeightStandardization#foldGammaIntoThreshold} as one loop, when all three are float rows
     * {@code [1, C_out]} the loop can update in place.
     *
     * @param threshold threshold per channel
     * @param gamma     gain per channel
     * @param beta      shift per channel
     * @return the smallest gamma before the fold (folded only when it is &gt; 0), or NaN to use the ND4J-op path
     */
    static double foldGamma(INDArray threshold, INDArray gamma, INDArray beta) {
        // the arrays themselves, not reshaped copies: the loop writes through their buffers
        boolean rows = threshold.rank() == 2 && threshold.size(0) == 1 && gamma.rank() == 2 && gamma.size(0) == 1
                && beta.rank() == 2 && beta.size(0) == 1;
        return rows && fused(threshold, gamma, beta) ? FusedStandardization.foldGamma(threshold, gamma, beta)
                : Double.NaN;
    }

    /** {@code [B, H, W]} as {@code [B, H*W]} when that is a view, else the array itself (then not fusable). */
    private static INDArray flat(INDArray maps) {
        return Nd4jAlgebra.isRowMajorContiguous(maps) ? maps.reshape('c', maps.size(0), maps.size(1) * maps.size(2)) : maps;
    }
}
