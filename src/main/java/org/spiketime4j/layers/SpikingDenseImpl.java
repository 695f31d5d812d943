package org.spiketime4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Implementation of {@link SpikingDense}: the current is {@code I = x W_hat^T} for all steps at once.
 * The three products go straight to BLAS gemm with transpose flags ({@code INDArray.mmul} of float
 * arrays is about 3x slower in ND4J 1.0.0-M2.1).
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
        return Nd4j.gemm(rows, weightHat, false, true);
    }

    @Override
    protected INDArray weightGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent) {
        return Nd4j.gemm(gradCurrent, rows, true, false);
    }

    @Override
    protected INDArray inputGradient(INDArray rows, INDArray weightHat, INDArray gradCurrent) {
        return Nd4j.gemm(gradCurrent, weightHat, false, false);
    }
}
