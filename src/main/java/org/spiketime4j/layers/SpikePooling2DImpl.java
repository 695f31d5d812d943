package org.spiketime4j.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.neuron.AdjustedAveragePooling;

/** Implementation of {@link SpikePooling2D}: pools every (sample, channel, step) map in one op. */
public class SpikePooling2DImpl extends AbstractLayer<SpikePooling2D> {

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public SpikePooling2DImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private INDArray maps(INDArray in) {
        if (in.rank() != 5) {
            throw new IllegalArgumentException("layer " + index + " (SpikePooling2D): input must be spike maps "
                    + "[mb, C, T, H, W], got shape " + Arrays.toString(in.shape()));
        }
        return in.dup('c').reshape('c', in.size(0) * in.size(1) * in.size(2), in.size(3), in.size(4));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray pooled = AdjustedAveragePooling.forward(maps(input), layerConf().getKernelSize());
        INDArray out = pooled.reshape('c', input.size(0), input.size(1), input.size(2), pooled.size(1), pooled.size(2));
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out.castTo(dataType));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray grad = epsilon.dup('c').reshape('c', epsilon.size(0) * epsilon.size(1) * epsilon.size(2),
                epsilon.size(3), epsilon.size(4));
        INDArray gin = AdjustedAveragePooling.backward(maps(input), grad, layerConf().getKernelSize());
        INDArray out = gin.reshape('c', input.shape());
        return new Pair<>(new DefaultGradient(), workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, out));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.SUBSAMPLING;
    }

    @Override
    public void clearNoiseWeightParams() {
    }
}
