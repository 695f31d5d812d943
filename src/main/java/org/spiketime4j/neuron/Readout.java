package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The prediction read out of output spikes: {@code score_c = sum_t s_c[t] (1.1 - t / (10 T))}.
 * The arg-max wins, so among classes with equal counts the earlier spikes win.
 *
 * <p>Ties: the score is computed as {@code (sum_t s_c[t] (11 T - t)) / (10 T)}, whose sum is an integer for
 * 0/1 spikes, so that two classes with the same spike count and the same sum of spike times score exactly the
 * same (summing the rounded weights 1.1 - t/(10T) makes them differ in the last bit, for T = 30 in most such
 * pairs), and the arg-max then keeps the lowest class index, as {@code torch.argmax} / {@code np.argmax} do on
 * the reference's readout ({@code main.py}: {@code readout} then {@code argmax}). Stock {@code Evaluation} and
 * {@code INDArray.argMax} keep the first maximum too.
 */
public final class Readout {

    private Readout() {
    }

    /**
     * @param spikes output spikes {@code [N, C, T]}
     * @return scores {@code [N, C]}
     */
    public static INDArray scores(INDArray spikes) {
        if (spikes.rank() != 3) {
            throw new IllegalArgumentException("spikes must be [N, C, T], got " + java.util.Arrays.toString(spikes.shape()));
        }
        INDArray timeFirst = spikes.permute(2, 0, 1);
        INDArray s = scores(Nd4jAlgebra.INSTANCE, (int) spikes.size(2), timeFirst);
        return s.reshape(spikes.size(0), spikes.size(1));
    }

    /**
     * The scores in any tensor algebra.
     *
     * @param a      the algebra
     * @param steps  T
     * @param spikes output spikes, time on axis 0
     * @param <T>    the tensor type
     * @return the scores: one row (axis 0 of size 1), the rest of the shape of {@code spikes}
     */
    public static <T> T scores(TensorAlgebra<T> a, int steps, T spikes) {
        T sum = null;
        for (int t = 0; t < steps; t++) {
            T term = a.mul(a.row(spikes, t), 11.0 * steps - t);      // integer weights: exact sums, exact ties
            sum = t == 0 ? term : a.addi(sum, term);
        }
        return a.muli(sum, 1.0 / (10.0 * steps));
    }
}
