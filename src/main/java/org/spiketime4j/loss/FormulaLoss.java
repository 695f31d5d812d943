package org.spiketime4j.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.neuron.HostAlgebra;
import org.spiketime4j.neuron.HostTensor;
import org.spiketime4j.neuron.Nd4jAlgebra;
import org.spiketime4j.neuron.TensorAlgebra;

/**
 * A time-based loss written as a {@link LossFormulas} formula, so the DL4J loss (on ND4J arrays) and the
 * SameDiff loss ({@code org.spiketime4j.samediff.SpikeTimeLosses}) evaluate the same code. Every loss of
 * {@link LossKind} is one.
 */
public abstract class FormulaLoss extends SpikeTimeLoss {

    private static final long serialVersionUID = 1L;

    /**
     * For subclasses in this package.
     *
     * @param reduction        sum or mean over the batch; null means {@code defaultReduction}
     * @param defaultReduction the loss's default (the reference's)
     */
    FormulaLoss(Reduction reduction, Reduction defaultReduction) {
        super(reduction, defaultReduction);
    }

    /**
     * The loss's per-example values and the spike-time gradient of their sum, before the reduction.
     *
     * @param a       the algebra
     * @param steps   T
     * @param classes C
     * @param spikes  output spikes, time first {@code [T, mb, C]}
     * @param oneHot  one-hot labels {@code [mb, C]}
     * @param <T>     the tensor type
     * @return per-example values {@code [1, mb, 1]} and the gradient {@code [T, mb, C]}
     */
    public abstract <T> LossFormulas.Result<T> formula(TensorAlgebra<T> a, int steps, int classes, T spikes,
                                                      T oneHot);

    /**
     * The loss's value and gradient with its reduction applied: {@link #formula} followed by
     * {@link LossFormulas#reduce}.
     *
     * @param a       the algebra
     * @param steps   T
     * @param classes C
     * @param spikes  output spikes, time first {@code [T, mb, C]}
     * @param oneHot  one-hot labels {@code [mb, C]}
     * @param <T>     the tensor type
     * @return per-example shares of the value {@code [1, mb, 1]} and the gradient {@code [T, mb, C]}
     */
    public final <T> LossFormulas.Result<T> reducedFormula(TensorAlgebra<T> a, int steps, int classes, T spikes,
                                                          T oneHot) {
        return LossFormulas.reduce(a, formula(a, steps, classes, spikes, oneHot), getReduction(), oneHot);
    }

    /**
     * Evaluates the formula on host tensors ({@link HostAlgebra}) when the batch was copied to the host (small
     * spikes on the CPU backend, {@link HostTensor#suits}): the formula's 40-60 operations then cost microseconds
     * instead of an ND4J op call each. Otherwise with ND4J ops ({@link Nd4jAlgebra}). Both compute in the spikes'
     * data type and give the same values ({@code HostAlgebraLossTest}).
     */
    @Override
    final LossValue evaluate(SpikeBatch batch) {
        if (batch.hostSpikes() != null) {
            HostAlgebra a = HostAlgebra.INSTANCE;
            LossFormulas.Result<HostTensor> r = reducedFormula(a, batch.steps(), batch.classes(),
                    batch.hostSpikes().permute(2, 0, 1), batch.hostOneHot());
            return new LossValue(a.reshape(r.perExample(), batch.batchSize(), 1).toNd4j(),
                    r.timeGradient().permute(1, 2, 0).toNd4j(), a.sum(r.perExample(), false).get(0));
        }
        LossFormulas.Result<INDArray> r = reducedFormula(Nd4jAlgebra.INSTANCE, batch.steps(), batch.classes(),
                batch.spikes().permute(2, 0, 1), batch.oneHot());
        INDArray perExample = r.perExample().reshape(batch.batchSize(), 1);
        return new LossValue(perExample, r.timeGradient().permute(1, 2, 0).dup('c'),
                perExample.sumNumber().doubleValue());
    }
}
