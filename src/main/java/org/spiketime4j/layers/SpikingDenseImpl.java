package org.spiketime4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implementation of {@link SpikingDense}: the current is {@code I = x W_hat^T} for all steps at once.
 */
public class SpikingDenseImpl extends SpikingWeightLayerImpl<SpikingDense> {

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public SpikingDenseImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected int featureRank() {
        return 1;
    }

    @Override
    protected INDArray current(INDArray rows, INDArray weightHat) {
        return rows.mmul(weightHat.transpose());
    }

    @Override
    protected INDArray weightGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent) {
        return gradCurrent.transpose().mmul(rows);
    }

    @Override
    protected INDArray inputGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent) {
        return gradCurrent.mmul(weightHat);
    }
}
