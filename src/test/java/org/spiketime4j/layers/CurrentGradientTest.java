package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The smooth part of the spiking layers: the current I = map(x, W_hat) is linear in both arguments,
 * so its weight gradient and input gradient must equal finite differences of L = sum(R * I).
 * (DL4J's GradientCheckUtil cannot check the whole layer: the spike-time gradient is an
 * approximation by design, not the derivative of a step function.)
 */
class CurrentGradientTest {

    private static void check(SpikingWeightLayerImpl<?> layer, INDArray rows, INDArray wHat) {
        INDArray current = layer.current(rows, wHat);
        INDArray r = LayerTestSupport.gaussian(new Random(2), current.shape());
        INDArray gw = layer.weightGradient(rows, wHat, r);
        INDArray gx = layer.inputGradient(rows, wHat, r);
        double h = 1e-6;
        for (INDArray[] pair : new INDArray[][]{{wHat, gw}, {rows, gx}}) {
            INDArray p = pair[0];
            for (long i = 0; i < p.length(); i += 3) {
                double v = p.getDouble(i);
                p.putScalar(i, v + h);
                double up = layer.current(rows, wHat).mul(r).sumNumber().doubleValue();
                p.putScalar(i, v - h);
                double down = layer.current(rows, wHat).mul(r).sumNumber().doubleValue();
                p.putScalar(i, v);
                assertEquals((up - down) / (2 * h), pair[1].getDouble(i), 1e-6, "element " + i);
            }
        }
    }

    @Test
    void denseCurrentGradients() {
        var net = LayerTestSupport.network(SpikeInputType.spikeTrains(6, 5), new SpikingDense.Builder().nOut(4).build());
        check((SpikingWeightLayerImpl<?>) net.getLayer(0), LayerTestSupport.gaussian(new Random(1), 10, 6),
                LayerTestSupport.gaussian(new Random(3), 4, 6));
    }

    @Test
    void convCurrentGradientsUnitStride() {
        var net = LayerTestSupport.network(SpikeInputType.eventFrames(7, 6, 2, 5),
                new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).build());
        check((SpikingWeightLayerImpl<?>) net.getLayer(0), LayerTestSupport.gaussian(new Random(1), 3, 2, 7, 6),
                LayerTestSupport.gaussian(new Random(3), 3, 2, 3, 3));
    }

    @Test
    void convCurrentGradients() {
        var net = LayerTestSupport.network(SpikeInputType.eventFrames(6, 5, 2, 5),
                new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).stride(2).build());
        check((SpikingWeightLayerImpl<?>) net.getLayer(0), LayerTestSupport.gaussian(new Random(1), 3, 2, 6, 5),
                LayerTestSupport.gaussian(new Random(3), 3, 2, 3, 3));
    }
}
