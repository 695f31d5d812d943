package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The spike-time backward sweep of a layer of spiking neurons, for any {@link NeuronModel}.
 *
 * <p>The gradient arriving at the layer's output is read as dL/dt_k, the gradient with respect to
 * the time of the spike at step t_k, and is masked to the spikes: {@code G[t] = grad[t] s[t]}. At a
 * spike, the model approximates dt/du twice: a_k from du ({@link NeuronModel#weightPathFactor}, weight path)
 * and b_k from g ({@link NeuronModel#inputPathFactor}, input path). Every input step t is credited to the
 * first spike of the neuron at or after t; steps after the neuron's last spike get nothing:
 * <pre>
 *   Gw[t]  = G[t_k] a_k eps(t_k - t + 1)       ({@link NeuronModel#weightPathCredit})
 *   Gin[t] = G[t_k] b_k (-kappa(t_k - t + 1))  ({@link NeuronModel#inputPathCredit})
 * </pre>
 * with the model's kernels ({@link SrmNeuron#eps} and {@link SrmNeuron#kappa} for the SRM neuron). One sweep
 * from t = T-1 down to 0 computes both for all neurons at once, each geometric kernel carried as one trace
 * ({@link #creditBackward}).
 */
public final class SpikeTimeBackward {

    private SpikeTimeBackward() {
    }

    /**
     * The per-step gradients with respect to a layer's input current.
     *
     * @param weightPath Gw, {@code [T, K]}: dL/dI[t] for the weight gradient
     * @param inputPath  Gin, {@code [T, K]}: dL/dI[t] for the gradient passed to the layer below
     */
    public record CurrentGradients(INDArray weightPath, INDArray inputPath) {
    }

    /**
     * Runs the backward sweep: for the SRM neuron on the CPU backend as one fused loop over the neurons
     * ({@link FusedSrm}, the same numbers), otherwise with ND4J ops ({@link KernelDispatch} decides).
     *
     * @param neuron       the neuron model
     * @param trace        the forward pass's record (its gradTrace must be present when {@code needInput})
     * @param gradSpikes   dL/dt at every output position, {@code [T, K]}; masked to the spikes here
     * @param needInput    whether to compute the input path (false for a first layer fed with data)
     * @return Gw and Gin (Gin null when not needed)
     * @throws IllegalArgumentException if the shapes do not fit or the input path needs a gradTrace the trace lacks
     */
    public static CurrentGradients sweep(NeuronModel neuron, SrmTrace trace, INDArray gradSpikes, boolean needInput) {
        if (needInput && trace.gradTrace() == null) {
            throw new IllegalArgumentException("the forward pass ran without keepGradTrace: no input gradient possible");
        }
        checkShapes(trace, gradSpikes);
        return KernelDispatch.sweep(neuron, trace, gradSpikes, needInput);
    }

    /**
     * The weight path of {@link #sweep} summed over the T steps, for a layer whose current is the same at every
     * step (a static input): the gradient of that one current. For the SRM neuron on the CPU backend the sum is
     * taken inside the fused sweep (no {@code [T, K]} array is stored and read back); elsewhere the rows of Gw are added with
     * ND4J ops. Either way in step order, {@code ((Gw[0] + Gw[1]) + ...) + Gw[T-1]}: the same floats.
     *
     * @param neuron     the neuron model
     * @param trace      the forward pass's record (no gradTrace needed)
     * @param gradSpikes dL/dt at every output position, {@code [T, K]}
     * @return {@code sum_t Gw[t]}, {@code [1, K]}
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static INDArray weightPathOverSteps(NeuronModel neuron, SrmTrace trace, INDArray gradSpikes) {
        checkShapes(trace, gradSpikes);
        return KernelDispatch.weightPathOverSteps(neuron, trace, gradSpikes);
    }

    /** {@link #weightPathOverSteps} with ND4J ops only, for arguments already checked. */
    static INDArray weightPathOverStepsWithOps(NeuronModel neuron, SrmTrace trace, INDArray gradSpikes) {
        INDArray weightPath = sweepWithOps(neuron, trace, gradSpikes, false).weightPath();
        INDArray sum = Nd4jAlgebra.INSTANCE.row(weightPath, 0).dup('c');
        for (long t = 1; t < weightPath.size(0); t++) {
            sum.addi(Nd4jAlgebra.INSTANCE.row(weightPath, t));
        }
        return sum;
    }

    private static void checkShapes(SrmTrace trace, INDArray gradSpikes) {
        if (!java.util.Arrays.equals(gradSpikes.shape(), trace.spikes().shape())) {
            throw new IllegalArgumentException("gradSpikes must be " + java.util.Arrays.toString(trace.spikes().shape())
                    + ", got " + java.util.Arrays.toString(gradSpikes.shape()));
        }
    }

    /** {@link #sweep} with ND4J ops only (the path of non-CPU backends), for arguments already checked. */
    static CurrentGradients sweepWithOps(NeuronModel neuron, SrmTrace trace, INDArray gradSpikes, boolean needInput) {
        INDArray spikes = trace.spikes();
        INDArray masked = gradSpikes.castTo(spikes.dataType()).mul(spikes);
        INDArray weightCoef = masked.mul(neuron.weightPathFactor(Nd4jAlgebra.INSTANCE, trace.deltaU()));
        INDArray silent = spikes.rsub(1.0);
        INDArray weightPath = neuron.weightPathCredit(weightCoef, silent);
        INDArray inputPath = null;
        if (needInput) {
            INDArray inputCoef = masked.mul(neuron.inputPathFactor(Nd4jAlgebra.INSTANCE, trace.gradTrace()));
            inputPath = neuron.inputPathCredit(inputCoef, silent);
        }
        return new CurrentGradients(weightPath, inputPath);
    }

    /**
     * Backward geometric credit: {@code out[t] = decay (coef[t] + silent[t] out[t+1])}, from t = T-1 down,
     * so that out[t] = coef[t_k] decay^(t_k - t + 1) for the first spike t_k at or after t (0 after the last):
     * the credit of the kernel {@code decay^(d + 1)}, from which a model's credits are built.
     *
     * @param coef   {@code [T, K]}, 0 off the spikes (not modified)
     * @param silent {@code [T, K]}, 1 where the neuron did not fire, else 0 (not modified)
     * @param decay  the per-step factor of the kernel
     * @return out, {@code [T, K]}, a new array in the data type of {@code coef}
     */
    public static INDArray creditBackward(INDArray coef, INDArray silent, double decay) {
        long steps = coef.size(0);
        INDArray out = Nd4j.createUninitialized(coef.dataType(), coef.shape());
        Nd4jAlgebra a = Nd4jAlgebra.INSTANCE;
        INDArray last = a.row(out, steps - 1);
        a.row(coef, steps - 1).mul(decay, last);
        for (long t = steps - 2; t >= 0; t--) {
            INDArray row = a.row(out, t);
            last.mul(a.row(silent, t), row);
            row.addi(a.row(coef, t)).muli(decay);
            last = row;
        }
        return out;
    }
}
