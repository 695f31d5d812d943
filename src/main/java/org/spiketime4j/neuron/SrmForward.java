package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward recurrence of a layer of SRM neurons in discrete time.
 *
 * <p>Per neuron, with the traces zero at the start and {@code theta_x = 1/tau_x}:
 * <pre>
 *   m[t]  = (1 - theta_m)(m[t-1] + I[t])
 *   q[t]  = (1 - theta_s)(q[t-1] + I[t])
 *   g[t]  = (1 - theta_g)(g[t-1] + I[t])            (kept for the backward pass only)
 *   u[t]  = (m[t] - q[t]) theta_s / (theta_s - theta_m)
 *   du[t] = u[t] - u_after_reset[t-1]
 *   s[t]  = 1 if u[t] &gt;= threshold else 0
 *   on a spike: m, q, g and u_after_reset are set to 0 (full reset)
 * </pre>
 * The loop runs over t only; every step is a handful of in-place operations on a {@code [1, K]} row.
 */
public final class SrmForward {

    private SrmForward() {
    }

    /**
     * Runs the neurons over all T steps.
     *
     * @param neuron        the neuron constants; T is {@code neuron.timeSteps()}
     * @param current       input current I, {@code [T, K]}, or {@code [1, K]} when it is the same at every step
     *                      (static input: direct encoding of an image)
     * @param threshold     firing threshold of each neuron, {@code [1, K]}
     * @param keepGradTrace whether to record g for a later {@link SpikeTimeBackward#sweep}
     * @return spikes, du and (optionally) g, each {@code [T, K]}, in the data type of {@code current}
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static SrmTrace run(SrmNeuron neuron, INDArray current, INDArray threshold, boolean keepGradTrace) {
        int steps = neuron.timeSteps();
        if (current.rank() != 2 || (current.size(0) != steps && current.size(0) != 1)) {
            throw new IllegalArgumentException("current must be [T=" + steps + ", K] or [1, K], got "
                    + java.util.Arrays.toString(current.shape()));
        }
        long k = current.size(1);
        if (threshold.length() != k) {
            throw new IllegalArgumentException("threshold must have K=" + k + " entries, got "
                    + java.util.Arrays.toString(threshold.shape()));
        }
        boolean isStatic = current.size(0) == 1 && steps > 1;
        INDArray thr = threshold.reshape(1, k).castTo(current.dataType());

        INDArray spikes = Nd4j.createUninitialized(current.dataType(), steps, k);
        INDArray deltaU = Nd4j.createUninitialized(current.dataType(), steps, k);
        INDArray gradTrace = keepGradTrace ? Nd4j.createUninitialized(current.dataType(), steps, k) : null;

        INDArray scaled = current.mul(neuron.kernelScale());   // theta_s/(theta_s-theta_m) I: then u = m - q
        INDArray m = Nd4j.zeros(current.dataType(), 1, k);
        INDArray q = m.dup();
        INDArray g = keepGradTrace ? m.dup() : null;
        INDArray uAfterReset = m.dup();
        INDArray u = m.ulike();
        INDArray silent = m.ulike();
        double memDecay = neuron.memDecay();
        double synDecay = neuron.synDecay();
        double gradDecay = neuron.gradDecay();

        for (int t = 0; t < steps; t++) {
            INDArray cI = isStatic ? scaled : scaled.getRow(t, true);
            m.addi(cI).muli(memDecay);
            q.addi(cI).muli(synDecay);
            m.sub(q, u);
            u.sub(uAfterReset, deltaU.getRow(t, true));
            thr.sub(u, silent);
            Nd4j.getExecutioner().exec(new Step(silent, silent, 0.0));   // 1 where u < threshold
            silent.rsub(1.0, spikes.getRow(t, true));
            if (keepGradTrace) {
                g.addi(isStatic ? current : current.getRow(t, true)).muli(gradDecay);
                gradTrace.getRow(t, true).assign(g);
                g.muli(silent);
            }
            m.muli(silent);
            q.muli(silent);
            u.mul(silent, uAfterReset);
        }
        return new SrmTrace(spikes, deltaU, gradTrace);
    }
}
