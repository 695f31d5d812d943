package org.spiketime4j.loss;

import java.util.Objects;
import org.spiketime4j.neuron.BatchParts;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * Every time-based loss of ALGORITHM.md section 3, written once against {@link TensorAlgebra}: each public
 * method computes one loss's per-example values and the spike-time gradient of their sum at the output
 * spikes; {@link #reduce} then applies the loss's {@link Reduction}. The DL4J losses of this package
 * ({@link FormulaLoss}) evaluate them on ND4J arrays, and the SameDiff losses build the same formulas into a
 * graph ({@code org.spiketime4j.samediff.SpikeTimeLosses}); both are checked against the same {@code loss}
 * fixtures.
 *
 * <p>Layout: spikes time first, {@code [T, mb, C]}; labels one-hot {@code [mb, C]}. The batch size is read
 * from the labels (their sum), so the formulas also work when mb is only known at run time.
 */
public final class LossFormulas {

    /** The CE+ logit of a silent neuron. */
    public static final double CE_PLUS_SILENT_LOGIT = -20;

    /** The TTFS logit of a silent neuron. */
    public static final double TTFS_SILENT_LOGIT = -3;

    /** Bound standing in for infinity in one-sided clamps. */
    private static final double HUGE = Double.MAX_VALUE;

    private LossFormulas() {
    }

    /**
     * A loss's value and gradient.
     *
     * @param perExample   each example's share of the value, {@code [1, mb, 1]}; the value is their sum
     * @param timeGradient dL/dt at every position, {@code [T, mb, C]} (0 where the loss gives nothing)
     * @param <T>          the tensor type
     */
    public record Result<T>(T perExample, T timeGradient) {
    }

    /**
     * Applies a reduction to the per-example values and the gradient of their sum: {@link Reduction#SUM}
     * returns them as they are, {@link Reduction#MEAN} divides both by the batch size (the sum of the one-hot
     * labels).
     *
     * @param a         the algebra
     * @param summed    per-example values and the gradient of their sum, any layout
     * @param reduction the reduction
     * @param oneHot    the labels, one 1 per example
     * @param <T>       the tensor type
     * @return the reduced values and gradient
     */
    public static <T> Result<T> reduce(TensorAlgebra<T> a, Result<T> summed, Reduction reduction, T oneHot) {
        if (Objects.requireNonNull(reduction, "reduction") == Reduction.SUM) {
            return summed;
        }
        T perExample = a.rdiv(1.0, a.sum(oneHot, false));
        return new Result<>(a.mul(summed.perExample(), perExample), a.mul(summed.timeGradient(), perExample));
    }

    private static void checkSteps(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
    }

    /**
     * count, count+ and count0 (ALGORITHM.md 3.2, 3.3): clamped counts n~ = min(n, D) on the label and
     * max(n, U) elsewhere; value sum (n~ - target)^2 / (2T); count gradient delta = (n~ - target)/T, times
     * lambda = max(r/10, 1) on the label when re-weighting; count+ divides by n~ (0 where n~ = 0); count0
     * subtracts the mean over all output spikes. Every spike gets {@code -dL/dn}.
     *
     * @param a             the algebra
     * @param kind          {@link LossKind#COUNT}, {@link LossKind#COUNT_PLUS} or {@link LossKind#COUNT0}
     * @param targets       D and U
     * @param reweightLabel whether the label neuron's count gradient is multiplied by lambda
     * @param steps         T
     * @param spikes        output spikes {@code [T, mb, C]}, 0 or 1
     * @param label         one-hot labels {@code [mb, C]}
     * @param <T>           the tensor type
     * @return the per-example values and the spike-time gradient of their sum
     */
    public static <T> Result<T> counting(TensorAlgebra<T> a, LossKind kind, TargetCounts targets,
                                         boolean reweightLabel, int steps, T spikes, T label) {
        if (kind != LossKind.COUNT && kind != LossKind.COUNT_PLUS && kind != LossKind.COUNT0) {
            throw new IllegalArgumentException("kind must be count, count+ or count0, got " + kind);
        }
        checkSteps(steps);
        T other = a.rsub(1.0, label);
        T counts = a.sum(spikes, true, 0);                                          // [1, mb, C]
        T clamped = a.add(a.mul(a.clamp(counts, -HUGE, targets.desiredCount()), label),
                a.mul(a.clamp(counts, targets.undesiredCount(), HUGE), other));
        T target = a.add(a.mul(label, targets.desiredCount()), a.mul(other, targets.undesiredCount()));
        T delta = a.mul(a.sub(clamped, target), 1.0 / steps);
        T value = a.mul(a.sum(a.mul(delta, delta), true, 2), steps / 2.0);
        if (reweightLabel) {
            T[] sums = wholeBatch(a, a.sum(a.mul(clamped, other), false), a.sum(a.mul(clamped, label), false));
            T ratio = a.div(a.add(sums[0], 1e-5), a.add(sums[1], 1e-5));
            T lambda = a.clamp(a.mul(ratio, 0.1), 1.0, HUGE);
            delta = a.mul(delta, a.add(a.mul(label, a.add(lambda, -1.0)), 1.0));
        }
        T countGradient = delta;
        if (kind != LossKind.COUNT) {
            T fired = a.step(clamped);
            countGradient = a.mul(delta, a.div(fired, a.add(clamped, a.rsub(1.0, fired))));
        }
        T gradient = RateToTime.fromCountGradient(a, countGradient, spikes);
        if (kind == LossKind.COUNT0) {
            T[] sums = wholeBatch(a, a.sum(gradient, false), a.sum(spikes, false));
            T mean = a.div(sums[0], a.clamp(sums[1], 1.0, HUGE));
            gradient = a.sub(gradient, a.mul(spikes, mean));
        }
        return new Result<>(value, gradient);
    }

    /**
     * Sums over the batch (scalars) completed with those of the batch's other part when the batch is computed in
     * two parts ({@link BatchParts}); unchanged otherwise. The result keeps each sum's tensor type and shape.
     */
    @SafeVarargs
    private static <T> T[] wholeBatch(TensorAlgebra<T> a, T... partialSums) {
        if (!BatchParts.inPart()) {
            return partialSums;
        }
        double[] values = new double[partialSums.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = a.scalarValue(partialSums[i]);
        }
        double[] totals = BatchParts.wholeBatch(values);
        T[] out = partialSums.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = a.add(a.mul(partialSums[i], 0.0), totals[i]);       // the total, in the sum's type and shape
        }
        return out;
    }

    /**
     * kernel: e = s - target train, PSP y[t] = (1 - 1/tau_s) y[t-1] + e[t], p = y/tau_s; value
     * {@code 1/2 sum p^2}; dL/ds is the time-reversed filter of p; the gradient is {@code -dL/ds}.
     *
     * @param a           the algebra
     * @param tauSynSteps tau_s of the PSP filter in steps, &gt;= 1
     * @param steps       T
     * @param spikes      output spikes {@code [T, mb, C]}
     * @param label       one-hot labels {@code [mb, C]}
     * @param <T>         the tensor type
     * @return the per-example values and the spike-time gradient of their sum
     */
    public static <T> Result<T> kernel(TensorAlgebra<T> a, double tauSynSteps, int steps, T spikes, T label) {
        KernelLoss.checkTau(tauSynSteps);
        checkSteps(steps);
        double decay = 1 - 1 / tauSynSteps;
        double[] train = TargetTrains.labelTrain(steps);
        T[] psp = newArray(steps);
        T y = null;
        T value = null;
        for (int t = 0; t < steps; t++) {
            T e = a.sub(a.row(spikes, t), a.mul(label, train[t]));
            y = t == 0 ? e : a.add(a.mul(y, decay), e);
            psp[t] = a.mul(y, 1 / tauSynSteps);
            T sq = a.sum(a.mul(psp[t], psp[t]), true, 2);
            value = t == 0 ? sq : a.add(value, sq);
        }
        TensorAlgebra.Series<T> gradient = a.series(steps);
        T z = null;
        for (int t = steps - 1; t >= 0; t--) {
            T p = a.mul(psp[t], 1 / tauSynSteps);
            z = t == steps - 1 ? p : a.add(p, a.mul(z, decay));
            gradient.put(t, RateToTime.fromSpikeGradient(a, z));
        }
        return new Result<>(a.mul(value, 0.5), gradient.stacked());
    }

    /**
     * TET: per example, the mean over the steps of the cross-entropy of s[t] as logits; the gradient is
     * {@code -dL/ds}.
     *
     * @param a      the algebra
     * @param steps  T
     * @param spikes output spikes {@code [T, mb, C]}
     * @param label  one-hot labels {@code [mb, C]}
     * @param <T>    the tensor type
     * @return the per-example values and the spike-time gradient of their sum
     */
    public static <T> Result<T> tet(TensorAlgebra<T> a, int steps, T spikes, T label) {
        checkSteps(steps);
        double scale = 1.0 / steps;
        TensorAlgebra.Series<T> gradient = a.series(steps);
        T value = null;
        for (int t = 0; t < steps; t++) {
            CrossEntropyTerms<T> ce = crossEntropy(a, a.row(spikes, t), label);
            value = t == 0 ? ce.perRow() : a.add(value, ce.perRow());
            gradient.put(t, RateToTime.fromSpikeGradient(a, a.mul(a.sub(ce.probabilities(), label), scale)));
        }
        return new Result<>(a.mul(value, scale), gradient.stacked());
    }

    /**
     * CE+: per example {@code (T/2) CE(z)} with z = 2n/T, z = -20 where n = 0; each spike gets
     * {@code -(dL/dz)/n}; a sample whose label neuron is silent gets 0.
     *
     * @param a      the algebra
     * @param steps  T
     * @param spikes output spikes {@code [T, mb, C]}, 0 or 1
     * @param label  one-hot labels {@code [mb, C]}
     * @param <T>    the tensor type
     * @return the per-example values and the spike-time gradient of their sum
     */
    public static <T> Result<T> cePlus(TensorAlgebra<T> a, int steps, T spikes, T label) {
        checkSteps(steps);
        T counts = a.sum(spikes, true, 0);
        T fired = a.step(counts);
        T silent = a.rsub(1.0, fired);
        T logits = a.add(a.mul(a.mul(counts, 2.0 / steps), fired), a.mul(silent, CE_PLUS_SILENT_LOGIT));
        CrossEntropyTerms<T> ce = crossEntropy(a, logits, label);
        double scale = steps / 2.0;
        T labelFired = a.step(a.sum(a.mul(counts, label), true, 2));
        T logitGradient = a.mul(a.mul(a.sub(ce.probabilities(), label), scale), labelFired);
        T perCount = a.mul(logitGradient, a.div(fired, a.add(counts, silent)));
        return new Result<>(a.mul(ce.perRow(), scale), RateToTime.fromCountGradient(a, perCount, spikes));
    }

    /**
     * TTFS: per example {@code T CE(z)} with z = 1 - t_first/T, z = -3 if silent; the gradient
     * {@code -dL/dz} sits at the first spike only.
     *
     * @param a      the algebra
     * @param steps  T
     * @param spikes output spikes {@code [T, mb, C]}, 0 or 1
     * @param label  one-hot labels {@code [mb, C]}
     * @param <T>    the tensor type
     * @return the per-example values and the spike-time gradient of their sum
     */
    public static <T> Result<T> ttfs(TensorAlgebra<T> a, int steps, T spikes, T label) {
        checkSteps(steps);
        TensorAlgebra.Series<T> firsts = a.series(steps);
        T running = null;
        T firstTime = null;
        T fired = null;
        for (int t = 0; t < steps; t++) {
            T s = a.row(spikes, t);
            running = t == 0 ? s : a.add(running, s);
            T first = a.mul(s, a.eq(running, 1.0));
            firsts.put(t, first);
            firstTime = t == 0 ? a.mul(first, 0.0) : a.add(firstTime, a.mul(first, t));
            fired = t == 0 ? first : a.add(fired, first);
        }
        T logits = a.add(a.mul(a.add(a.mul(firstTime, -1.0 / steps), 1.0), fired),
                a.mul(a.rsub(1.0, fired), TTFS_SILENT_LOGIT));
        CrossEntropyTerms<T> ce = crossEntropy(a, logits, label);
        double scale = steps;
        T logitGradient = a.mul(a.sub(ce.probabilities(), label), scale);
        return new Result<>(a.mul(ce.perRow(), scale), RateToTime.fromCountGradient(a, logitGradient, firsts.stacked()));
    }

    /**
     * timing: every spike of a non-label neuron gets {@code -1/sqrt(C)} (value {@code 1/(2C)} per such spike);
     * the k-th spike of the label neuron, at step t (time t+1), is matched with the k-th spike of the target
     * train (time w_k, or T+1 past its end) and gets {@code delta = max((t+1 - w_k + 0.5)/T, 0)}; the value adds
     * {@code delta^2/2} for every k = 1..T, a missing output spike counting at time T+1. No sign flip: the
     * gradient is already in the time domain.
     *
     * @param a       the algebra
     * @param steps   T
     * @param classes C
     * @param spikes  output spikes {@code [T, mb, C]}, 0 or 1
     * @param label   one-hot labels {@code [mb, C]}
     * @param <T>     the tensor type
     * @return the per-example values and the spike-time gradient of their sum
     */
    public static <T> Result<T> timing(TensorAlgebra<T> a, int steps, int classes, T spikes, T label) {
        checkSteps(steps);
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be >= 1, got " + classes);
        }
        double wrongSpike = -1 / Math.sqrt(classes);
        T other = a.rsub(1.0, label);
        double[] wanted = targetTimes(steps);
        TensorAlgebra.Series<T> gradient = a.series(steps);
        T running = null;
        T value = null;
        for (int t = 0; t < steps; t++) {
            T s = a.row(spikes, t);
            T labelSpike = a.sum(a.mul(s, label), true, 2);                         // [1, mb, 1]
            running = t == 0 ? labelSpike : a.add(running, labelSpike);
            T want = null;
            for (int k = 1; k <= t + 1; k++) {
                T term = a.mul(a.eq(running, k), wanted[k - 1]);
                want = k == 1 ? term : a.add(want, term);
            }
            T delta = a.mul(labelSpike, a.clamp(a.mul(a.rsub(t + 1.5, want), 1.0 / steps), 0.0, HUGE));
            T wrong = a.mul(a.mul(s, other), wrongSpike);
            gradient.put(t, a.add(wrong, a.mul(label, delta)));
            T v = a.add(a.mul(a.sum(wrong, true, 2), wrongSpike / 2), a.mul(a.mul(delta, delta), 0.5));
            value = t == 0 ? v : a.add(value, v);
        }
        for (int k = 1; k <= steps; k++) {
            double missing = Math.max((steps + 1 - wanted[k - 1] + 0.5) / steps, 0);
            T absent = a.step(a.rsub(k, running));                                  // count < k
            value = a.add(value, a.mul(absent, missing * missing / 2));
        }
        return new Result<>(value, gradient.stacked());
    }

    /** @return w_k, the time (1..T) of the k-th spike of the label's target train, T+1 past its end */
    private static double[] targetTimes(int steps) {
        double[] train = TargetTrains.labelTrain(steps);
        double[] times = new double[steps];
        int k = 0;
        for (int t = 0; t < steps; t++) {
            if (train[t] != 0) {
                times[k++] = t + 1;
            }
        }
        for (; k < steps; k++) {
            times[k] = steps + 1;
        }
        return times;
    }

    /**
     * @param probabilities softmax of the logits, shape of the logits
     * @param perRow        the cross-entropy per sample, the class axis kept with size 1
     */
    private record CrossEntropyTerms<T>(T probabilities, T perRow) {
    }

    /** Softmax cross-entropy over the last axis (axis 2 of {@code [1, mb, C]}), shifted by the maximum. */
    private static <T> CrossEntropyTerms<T> crossEntropy(TensorAlgebra<T> a, T logits, T label) {
        T shifted = a.sub(logits, a.maxOver(logits, true, 2));
        T exp = a.exp(shifted);
        T sum = a.sum(exp, true, 2);
        T perRow = a.sub(a.log(sum), a.sum(a.mul(shifted, label), true, 2));
        return new CrossEntropyTerms<>(a.div(exp, sum), perRow);
    }

    @SuppressWarnings("unchecked")
    private static <T> T[] newArray(int n) {
        return (T[]) new Object[n];
    }
}
