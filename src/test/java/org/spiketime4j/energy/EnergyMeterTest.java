package org.spiketime4j.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikePooling2D;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.ThresholdInitializer;
import org.spiketime4j.loss.TargetCounts;

/**
 * The meter's counts against counts made here by brute force: every input event or spike, every output position
 * of the layer it feeds, a containment test of the receptive field. The spikes themselves are taken from the
 * network's own forward pass ({@code feedForward}).
 */
class EnergyMeterTest {

    private static final int T = 5;

    /**
     * 2x9x9 event frames -> conv 3C3 stride 2 pad 1 (5x5) -> avg pool 2 (2x2; row and column 4 are in no window)
     * -> conv 4C2 pad 1 (3x3) -> dense 6 -> output 3.
     */
    private static MultiLayerNetwork tinyNetwork() {
        SrmNeuron n = SrmNeuron.MNIST;
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(11).dataType(DataType.DOUBLE).list()
                .layer(new SpikingConv2D.Builder().nOut(3).kernelSize(3).stride(2).padding(1).neuron(n).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingConv2D.Builder().nOut(4).kernelSize(2).padding(1).neuron(n).build())
                .layer(new SpikingDense.Builder().nOut(6).neuron(n).build())
                .layer(new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(5, 1), 3)).nOut(3).neuron(n).build())
                .setInputType(SpikeInputType.eventFrames(9, 9, 2, T))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Event counts 0..3 per pixel, polarity and frame. */
    private static INDArray events(int mb, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.create(DataType.DOUBLE, mb, 2, T, 9, 9);
        for (long i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextInt(4));
        }
        return x;
    }

    /** Brute force: each value of {@code in [mb, C, T, H, W]} times the (channel, position) pairs it reaches. */
    private static double convOps(INDArray in, int k, int stride, int pad, int outSize, int nOut) {
        double ops = 0;
        for (int b = 0; b < in.size(0); b++) {
            for (int c = 0; c < in.size(1); c++) {
                for (int t = 0; t < in.size(2); t++) {
                    for (int y = 0; y < in.size(3); y++) {
                        for (int x = 0; x < in.size(4); x++) {
                            double v = in.getDouble(b, c, t, y, x);
                            for (int oy = 0; oy < outSize; oy++) {
                                for (int ox = 0; ox < outSize; ox++) {
                                    if (oy * stride - pad <= y && y < oy * stride - pad + k
                                            && ox * stride - pad <= x && x < ox * stride - pad + k) {
                                        ops += v * nOut;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return ops;
    }

    /** Each spike of {@code spikes [mb, C, T, 5, 5]} enters the 2x2 window of its position if one covers it. */
    private static INDArray poolWindowCounts(INDArray spikes) {
        INDArray counts = Nd4j.create(DataType.DOUBLE, spikes.size(0), spikes.size(1), spikes.size(2), 2, 2);
        for (int b = 0; b < spikes.size(0); b++) {
            for (int c = 0; c < spikes.size(1); c++) {
                for (int t = 0; t < spikes.size(2); t++) {
                    for (int y = 0; y < 4; y++) {
                        for (int x = 0; x < 4; x++) {
                            double v = spikes.getDouble(b, c, t, y, x);
                            counts.putScalar(new long[]{b, c, t, y / 2, x / 2}, counts.getDouble(b, c, t, y / 2, x / 2) + v);
                        }
                    }
                }
            }
        }
        return counts;
    }

    @Test
    void countsMatchBruteForceOnATinyNetwork() {
        MultiLayerNetwork net = tinyNetwork();
        INDArray x = events(4, 3);
        ThresholdInitializer.run(net, x, ThresholdInitializer.Config.of(1.0));
        List<INDArray> acts = net.feedForward(x, false);
        INDArray s0 = acts.get(1);          // [4, 3, T, 5, 5]
        INDArray s2 = acts.get(3);          // [4, 4, T, 3, 3]
        INDArray s3 = acts.get(4);          // [4, 6, T]
        INDArray s4 = ((SpikingOutputLayerImpl) net.getOutputLayer()).outputSpikes(s3);   // [4, 3, T]
        for (INDArray s : List.of(s0, s2, s3, s4)) {
            assertTrue(s.sumNumber().doubleValue() > 0, "every layer spikes, so the counts are not trivially 0");
        }

        EnergyMeter meter = new EnergyMeter(net);
        INDArray scores = meter.output(x.get(NDArrayIndex.interval(0, 2)));
        meter.output(x.get(NDArrayIndex.interval(2, 4)));
        EnergyReport r = meter.report(EnergyModel.HOROWITZ_45NM_FP32);
        assertEquals(4, r.samples());
        assertEquals(net.output(x).get(NDArrayIndex.interval(0, 2)), scores,
                "the meter's output is the network's output");

        double[] sops = {convOps(x, 3, 2, 1, 5, 3), 0, convOps(poolWindowCounts(s0), 2, 1, 1, 3, 4),
            s2.sumNumber().doubleValue() * 6, s3.sumNumber().doubleValue() * 3};
        double[] annMacs = {5 * 5 * 3 * 2 * 3 * 3, 0, 3 * 3 * 4 * 3 * 2 * 2, 36 * 6, 6 * 3};
        long[] neurons = {75, 0, 36, 6, 3};
        INDArray[] spikes = {s0, null, s2, s3, s4};
        for (int i = 0; i < 5; i++) {
            LayerEnergy l = r.layers().get(i);
            assertEquals(sops[i] / 4, l.synapticOps(), 1e-9, "synaptic ops of layer " + i);
            assertEquals(0, l.macs(), "event input: no multiplications in layer " + i);
            assertEquals(annMacs[i], l.annMacs(), "ANN MACs of layer " + i);
            assertEquals(neurons[i], l.neurons(), "neurons of layer " + i);
            if (spikes[i] == null) {
                assertTrue(Double.isNaN(l.spikesPerNeuron()));
            } else {
                assertEquals(spikes[i].sumNumber().doubleValue() / (neurons[i] * 4), l.spikesPerNeuron(), 1e-12);
            }
        }
        double sopTotal = (sops[0] + sops[2] + sops[3] + sops[4]) / 4;
        assertEquals(sopTotal * 0.9, r.snnPicojoules(), 1e-6);
        assertEquals((1350 + 432 + 216 + 18) * 4.6, r.annPicojoules(), 1e-9);
    }

    /** The paper's MNIST network, hand-counted: 24*24*15*25, 8*8*40*15*25, 640*300, 300*10. */
    @Test
    void staticImageLayerIsOneDenseConvolutionOfMultiplyAccumulates() {
        MultiLayerNetwork net = SpikingNetworks.create(Presets.MNIST, 42, DataType.FLOAT);
        EnergyMeter meter = new EnergyMeter(net);
        float[] pixels = new float[2 * 28 * 28];
        Random r = new Random(5);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat();
        }
        meter.output(Nd4j.create(pixels).reshape(2, 1, 28, 28));
        EnergyReport report = meter.report(EnergyModel.HOROWITZ_45NM_FP32);
        double[] ann = {216_000, 0, 960_000, 0, 192_000, 3_000};
        for (int i = 0; i < ann.length; i++) {
            assertEquals(ann[i], report.layers().get(i).annMacs(), "ANN MACs of layer " + i);
        }
        assertEquals(216_000, report.layers().get(0).macs(), "the image is convolved once, not once per step");
        assertEquals(0, report.layers().get(0).synapticOps());
        assertEquals(1_371_000 * 4.6, report.annPicojoules(), 1e-6);
        assertEquals(8, report.lines().size(), "a heading, six layers, a total");
    }
}
