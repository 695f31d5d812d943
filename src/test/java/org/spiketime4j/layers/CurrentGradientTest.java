package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
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

    /** A square image: the input gradient takes deconv2d_tf (on the CPU; in double ND4J's own implementation). */
    @Test
    void convCurrentGradientsUnitStrideSquare() {
        var net = LayerTestSupport.network(SpikeInputType.eventFrames(8, 8, 2, 5),
                new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).build());
        check((SpikingWeightLayerImpl<?>) net.getLayer(0), LayerTestSupport.gaussian(new Random(1), 2, 2, 8, 8),
                LayerTestSupport.gaussian(new Random(3), 3, 2, 3, 3));
    }

    @Test
    void convCurrentGradientsUnitStrideWidePadding() {
        var net = LayerTestSupport.network(SpikeInputType.eventFrames(9, 7, 2, 5),
                new SpikingConv2D.Builder().nOut(3).kernelSize(5).padding(2).build());
        check((SpikingWeightLayerImpl<?>) net.getLayer(0), LayerTestSupport.gaussian(new Random(1), 2, 2, 9, 7),
                LayerTestSupport.gaussian(new Random(3), 3, 2, 5, 5));
    }

    /**
     * The float input gradient of a unit-stride convolution against naive loops in double, on the shapes that take
     * ND4J's deconv2d_tf (square images: the MNIST network's second layer, a padded one) and on those that take
     * deconv2d (images that are not square, on which ND4J 1.0.0-M2.1's oneDNN deconv2d_tf is wrong; a rectangular
     * kernel).
     */
    @ParameterizedTest
    @CsvSource({"5, 5, 0, 12, 12, 15, 40", "3, 3, 1, 8, 8, 3, 4", "5, 5, 2, 12, 12, 4, 6", "3, 3, 0, 8, 6, 3, 4",
            "5, 5, 2, 12, 9, 4, 6", "3, 5, 1, 9, 9, 3, 4"})
    void convInputGradientEqualsNaiveLoops(int kh, int kw, int padding, int h, int w, int in, int out) {
        var net = LayerTestSupport.network(DataType.FLOAT, SpikeInputType.eventFrames(h, w, in, 5),
                new SpikingConv2D.Builder().nOut(out).kernelSize(kh, kw).padding(padding).build());
        var layer = (SpikingWeightLayerImpl<?>) net.getLayer(0);
        int n = 5;
        INDArray rows = LayerTestSupport.gaussian(new Random(1), n, in, h, w).castTo(DataType.FLOAT);
        INDArray wHat = LayerTestSupport.gaussian(new Random(3), out, in, kh, kw).castTo(DataType.FLOAT);
        INDArray grad = LayerTestSupport.gaussian(new Random(2), layer.current(rows, wHat).shape())
                .castTo(DataType.FLOAT);
        float[] actual = layer.inputGradient(rows, wHat, grad).dup('c').data().asFloat();
        float[] g = grad.dup('c').data().asFloat();
        float[] k = wHat.dup('c').data().asFloat();
        int oh = (int) grad.size(2);
        int ow = (int) grad.size(3);
        for (int s = 0; s < n; s++) {
            for (int c = 0; c < in; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double sum = 0;
                        double magnitude = 0;
                        for (int o = 0; o < out; o++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int oy = y + padding - ky;
                                    int ox = x + padding - kx;
                                    if (oy >= 0 && oy < oh && ox >= 0 && ox < ow) {
                                        double term = (double) g[((s * out + o) * oh + oy) * ow + ox]
                                                * k[((o * in + c) * kh + ky) * kw + kx];
                                        sum += term;
                                        magnitude += Math.abs(term);
                                    }
                                }
                            }
                        }
                        int i = ((s * in + c) * h + y) * w + x;
                        assertEquals(sum, actual[i], 1e-6 * magnitude + 1e-6, "sample " + s + " channel " + c
                                + " (" + y + ", " + x + ")");
                    }
                }
            }
        }
    }

    @Test
    void convCurrentGradients() {
        var net = LayerTestSupport.network(SpikeInputType.eventFrames(6, 5, 2, 5),
                new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).stride(2).build());
        check((SpikingWeightLayerImpl<?>) net.getLayer(0), LayerTestSupport.gaussian(new Random(1), 3, 2, 6, 5),
                LayerTestSupport.gaussian(new Random(3), 3, 2, 3, 3));
    }
}
