package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * The invariant of ALGORITHM.md 2.3: when every g at a spike is positive (all weights positive here),
 * the sum of dL/dx over all inputs and steps equals the sum of G over all output spikes, through
 * dense, conv and pooling layers.
 */
class GradientPreservationTest {

    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    private static double preserved(MultiLayerNetwork net, INDArray input, long seed) {
        Layer layer = net.getLayer(0);
        layer.getParam(SpikingParamInitializer.WEIGHT).assign(org.nd4j.linalg.ops.transforms.Transforms
                .abs(layer.getParam(SpikingParamInitializer.WEIGHT)));
        layer.getParam(SpikingParamInitializer.BETA).assign(1.0);     // W_hat > 0: every g at a spike is positive
        layer.getParam(SpikingParamInitializer.THRESHOLD).assign(0.5);
        layer.setInput(input, MGR);
        INDArray spikes = layer.activate(true, MGR);
        assertTrue(spikes.sumNumber().doubleValue() > 0, "the layer must spike for the test to mean something");
        INDArray grad = LayerTestSupport.gaussian(new Random(seed), spikes.shape());
        INDArray dx = layer.backpropGradient(grad, MGR).getSecond();
        double outSum = grad.mul(spikes).sumNumber().doubleValue();
        assertEquals(outSum, dx.sumNumber().doubleValue(), 1e-9 * Math.max(1, Math.abs(outSum)));
        return outSum;
    }

    @Test
    void dense() {
        SrmNeuron n = new SrmNeuron(6, 5, 3, 2.5);
        MultiLayerNetwork net = LayerTestSupport.network(SpikeInputType.spikeTrains(12, 6),
                new SpikingDense.Builder().nOut(7).neuron(n).build());
        preserved(net, LayerTestSupport.spikes(new Random(1), 0.4, 4, 12, 6), 2);
    }

    @Test
    void conv() {
        SrmNeuron n = new SrmNeuron(4, 5, 3, 2.5);
        MultiLayerNetwork net = LayerTestSupport.network(SpikeInputType.eventFrames(7, 6, 2, 4),
                new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).neuron(n).build());
        preserved(net, LayerTestSupport.spikes(new Random(3), 0.4, 2, 2, 4, 7, 6), 4);
    }

    @Test
    void pooling() {
        MultiLayerNetwork net = LayerTestSupport.network(SpikeInputType.eventFrames(6, 6, 2, 3),
                new SpikePooling2D.Builder().kernelSize(2).build());
        INDArray x = LayerTestSupport.spikes(new Random(5), 0.5, 2, 2, 3, 6, 6);
        Layer layer = net.getLayer(0);
        layer.setInput(x, MGR);
        INDArray pooled = layer.activate(true, MGR);
        INDArray grad = LayerTestSupport.gaussian(new Random(6), pooled.shape());
        INDArray dx = layer.backpropGradient(grad, MGR).getSecond();
        double expected = grad.mul(pooled.gt(0).castTo(grad.dataType())).sumNumber().doubleValue();
        assertEquals(expected, dx.mul(x).sumNumber().doubleValue(), 1e-12,
                "the positions that spiked carry every window's gradient");
    }
}
