package org.spiketime4j.loss;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.spiketime4j.neuron.FiniteCheck;
import org.spiketime4j.neuron.HostTensor;

/**
 * Base of the time-based losses: checks the inputs, applies the activation, and turns a {@link LossValue}
 * into DL4J's score and gradient.
 *
 * <p>Every loss has a {@link Reduction}: the value and the gradient are a sum or a mean over the examples of
 * the batch (each loss defaults to the reference's; {@link Reduction} says which to pick with
 * {@code miniBatch(true)} and stock updaters).
 *
 * <p>Contract with the spiking output layer: {@code preOutput} is the output spike tensor in DL4J's RNN
 * layout {@code [mb, classes, T]}, labels are one-hot {@code [mb, classes]}. {@link #computeGradient} returns
 * the spike-time gradient dL/dt_k at every position, {@code [mb, classes, T]}, exactly as the reference
 * hands it back (the counting, CE+, timing and TTFS losses are zero off the spikes; kernel and TET are not,
 * and the output layer masks by the spikes itself). {@code computeScore(..., false)} is the value the
 * reference reports with the default reductions: a sum over the batch for count, count+, count0, kernel and
 * timing, a batch mean for TET, CE+ and TTFS (cross-entropy with mean reduction); {@code average = true}
 * divides it by mb.
 * {@link #computeScoreArray} gives each example's share of that value, {@code [mb, 1]}.
 *
 * <p>The activation's backward is applied generically (the output layer uses IDENTITY). Computations run in
 * the data type of {@code preOutput}. Masks are not supported: a non-null mask is rejected.
 */
public abstract class SpikeTimeLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;

    /** Sum or mean over the batch. */
    private final Reduction reduction;

    /**
     * For subclasses in this package.
     *
     * @param reduction sum or mean over the batch; null means {@code defaultReduction}
     * @param defaultReduction the loss's default (the reference's)
     */
    SpikeTimeLoss(Reduction reduction, Reduction defaultReduction) {
        this.reduction = reduction == null ? defaultReduction : reduction;
    }

    /** @return whether the value and the gradient are a sum or a mean over the batch */
    public Reduction getReduction() {
        return reduction;
    }

    /**
     * Computes the loss of a validated batch.
     *
     * @param batch spikes and labels
     * @return per-example shares of the value and the spike-time gradient, with the reduction applied
     */
    abstract LossValue evaluate(SpikeBatch batch);

    /**
     * The loss's own numbers, for {@link #equals}, {@link #hashCode} and {@link #toString}; the reduction is
     * added by this class.
     *
     * @return field name to value, in a stable order
     */
    abstract Map<String, Object> parameters();

    /** @return whether the loss needs spikes that are exactly 0 or 1 (it reads spike positions) */
    boolean needsBinarySpikes() {
        return false;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        double score = evaluate(batch(labels, preOutput, activationFn, mask)).value();
        return average ? score / preOutput.size(0) : score;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(batch(labels, preOutput, activationFn, mask)).perExample();
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        LossValue v = evaluate(batch(labels, preOutput, activationFn, mask));
        return backprop(activationFn, preOutput, v.timeGradient());
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        LossValue v = evaluate(batch(labels, preOutput, activationFn, mask));
        double score = v.value();
        INDArray grad = backprop(activationFn, preOutput, v.timeGradient());
        return Pair.of(average ? score / preOutput.size(0) : score, grad);
    }

    /** @return whether the activation leaves its input as it is (no copy or op is needed either way) */
    private static boolean isIdentity(IActivation activationFn) {
        return activationFn == null || activationFn.getClass() == ActivationIdentity.class;
    }

    /** The activation's backward; the identity's hands the gradient back as it is. */
    private static INDArray backprop(IActivation activationFn, INDArray preOutput, INDArray timeGradient) {
        return isIdentity(activationFn) ? timeGradient
                : activationFn.backprop(preOutput.dup(), timeGradient).getFirst();
    }

    /**
     * The spike-time gradient at the output, summed over all output spikes of the batch: the paper's
     * diagnostic (training goes well when it is adequately positive).
     *
     * @param labels one-hot labels {@code [mb, classes]}
     * @param spikes output spikes {@code [mb, classes, T]}
     * @return sum over all (n, c, t) of dL/dt times s
     */
    public double summedSpikeTimeGradient(INDArray labels, INDArray spikes) {
        return summedAtSpikes(evaluate(batch(labels, spikes, null, null)).timeGradient(), spikes);
    }

    /**
     * Sums a spike-time gradient over the spike positions: sum of {@code gradient * spikes}.
     *
     * @param gradient spike-time gradient {@code [mb, classes, T]}
     * @param spikes   spikes of the same shape
     * @return the summed gradient at the spikes
     * @throws IllegalArgumentException if the shapes differ
     */
    public static double summedAtSpikes(INDArray gradient, INDArray spikes) {
        if (!Arrays.equals(gradient.shape(), spikes.shape())) {
            throw new IllegalArgumentException("gradient shape " + Arrays.toString(gradient.shape())
                    + " differs from spikes shape " + Arrays.toString(spikes.shape()));
        }
        return gradient.castTo(spikes.dataType()).mul(spikes).sumNumber().doubleValue();
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((SpikeTimeLoss) o).reduction == reduction
                && ((SpikeTimeLoss) o).parameters().equals(parameters());
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), reduction, parameters());
    }

    @Override
    public String toString() {
        Map<String, Object> all = new LinkedHashMap<>(parameters());
        all.put("reduction", reduction);
        return getClass().getSimpleName() + all.toString().replace('{', '(').replace('}', ')');
    }

    private SpikeBatch batch(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        String where = name() + " loss: ";
        if (mask != null) {
            throw new IllegalArgumentException(where + "masks are not supported, got a mask of shape "
                    + Arrays.toString(mask.shape()));
        }
        if (preOutput == null || preOutput.rank() != 3) {
            throw new IllegalArgumentException(where + "expected output spikes of shape [mb, classes, T], got "
                    + (preOutput == null ? "null" : "shape " + Arrays.toString(preOutput.shape())));
        }
        long[] s = preOutput.shape();
        if (labels == null || labels.rank() != 2 || labels.size(0) != s[0] || labels.size(1) != s[1]) {
            throw new IllegalArgumentException(where + "expected one-hot labels of shape [" + s[0] + ", " + s[1]
                    + "] for output spikes of shape " + Arrays.toString(s) + ", got "
                    + (labels == null ? "null" : "shape " + Arrays.toString(labels.shape())));
        }
        if (s[0] == 0 || s[1] == 0 || s[2] == 0) {
            throw new IllegalArgumentException(where + "empty output spikes, shape " + Arrays.toString(s));
        }
        INDArray spikes = isIdentity(activationFn) ? preOutput : activationFn.getActivation(preOutput.dup(), true);
        HostTensor host = HostTensor.suits(spikes) ? HostTensor.of(spikes) : null;
        if (host == null) {
            spikes = spikes.dup('c');
        }
        if (host == null ? !FiniteCheck.allFinite(spikes) : !host.allFinite()) {
            throw new IllegalArgumentException(where + "output spikes of shape " + Arrays.toString(s)
                    + " contain NaN or infinite values");
        }
        if (needsBinarySpikes() && (host == null ? spikes.mul(spikes.rsub(1.0)).neq(0).any() : !host.allZeroOrOne())) {
            throw new IllegalArgumentException(where + "output spikes of shape " + Arrays.toString(s)
                    + " must be 0 or 1, found other values");
        }
        double[] flat = HostTensor.suits(labels) ? HostTensor.of(labels).toDoubleArray()
                : labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int classes = (int) s[1];
        for (int n = 0; n < s[0]; n++) {
            checkOneHot(Arrays.copyOfRange(flat, n * classes, (n + 1) * classes), n, where, labels.shape());
        }
        HostTensor hostOneHot = host == null ? null : HostTensor.of(flat, spikes.dataType(), s[0], s[1]);
        return new SpikeBatch(spikes, labels, host, hostOneHot);
    }

    private static void checkOneHot(double[] row, int n, String where, long[] shape) {
        int hot = -1;
        for (int c = 0; c < row.length; c++) {
            if (row[c] == 1.0 && hot < 0) {
                hot = c;
            } else if (row[c] != 0.0) {
                throw new IllegalArgumentException(where + "labels of shape " + Arrays.toString(shape)
                        + " must be one-hot, row " + n + " is " + Arrays.toString(row));
            }
        }
        if (hot < 0) {
            throw new IllegalArgumentException(where + "labels of shape " + Arrays.toString(shape)
                    + " must be one-hot, row " + n + " has no 1: " + Arrays.toString(row));
        }
    }
}
