package org.spiketime4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Implementation of {@link RateToTimeLayer}: spikes and gradients pass through unchanged.
 *
 * @deprecated with {@link RateToTimeLayer}
 */
@Deprecated
public class RateToTimeLayerImpl extends AbstractLayer<RateToTimeLayer> {

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public RateToTimeLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input.dup());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        LayerWiring.requireGradient(epsilon, () -> "layer " + index + " (RateToTimeLayer)");
        return new Pair<>(new DefaultGradient(),
                workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon.dup()));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }
}
