package org.spiketime4j.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.conformance.Comparison;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.loss.RateToTime;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingDense;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.layers.SpikingWeightLayer;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.loss.TargetCounts;

/**
 * For random inputs, parameters and upstream gradients, the SameDiff ops give the same spikes and the same
 * gradients (weights, gamma, beta, input) as the DL4J layers, to 1e-9 relative in double.
 */
class SameDiffVsLayersTest {

    private static final SrmNeuron NEURON = new SrmNeuron(6, 5.0, 3.0, 2.5);

    /** One layer's parameters, input and upstream gradient. */
    private record Setup(INDArray weight, INDArray gamma, INDArray beta, INDArray threshold, INDArray input,
                         INDArray gradOut, INDArray labels) {
    }

    /** What a run gives: output spikes and the four gradients. */
    private record Result(INDArray spikes, INDArray gradW, INDArray gradGamma, INDArray gradBeta, INDArray gradIn) {
    }

    private static Setup setup(long seed, long[] weightShape, long[] inputShape, boolean spikeInput,
                               long[] outShape, boolean labels) {
        Nd4j.getRandom().setSeed(seed);
        long out = weightShape[0];
        INDArray w = Nd4j.randn(DataType.DOUBLE, weightShape);
        INDArray gamma = Nd4j.rand(DataType.DOUBLE, 1, out).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.DOUBLE, 1, out).muli(0.1);
        INDArray threshold = Nd4j.rand(DataType.DOUBLE, 1, out).muli(0.8).addi(0.6);
        INDArray x = Nd4j.rand(DataType.DOUBLE, inputShape);
        if (spikeInput) {
            x = x.gt(0.6).castTo(DataType.DOUBLE);
        }
        INDArray g = Nd4j.randn(DataType.DOUBLE, outShape);
        INDArray lab = null;
        if (labels) {
            lab = Nd4j.zeros(DataType.DOUBLE, outShape[0], out);
            for (int n = 0; n < outShape[0]; n++) {
                lab.putScalar(n, (n * 3 + 1) % out, 1.0);
            }
        }
        return new Setup(w, gamma, beta, threshold, x, g, lab);
    }

    private static Result dl4j(Setup s, SpikingWeightLayer conf, InputType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(conf).setInputType(type).build());
        net.init();
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        layer.setParam(SpikingParamInitializer.WEIGHT, s.weight());
        layer.setParam(SpikingParamInitializer.GAMMA, s.gamma());
        layer.setParam(SpikingParamInitializer.BETA, s.beta());
        layer.setParam(SpikingParamInitializer.THRESHOLD, s.threshold());
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(s.input(), mgr);
        INDArray spikes;
        Pair<Gradient, INDArray> back;
        if (s.labels() != null) {
            SpikingOutputLayerImpl o = (SpikingOutputLayerImpl) layer;
            o.setLabels(s.labels());
            spikes = o.supervisedSpikes();
            back = o.backpropSpikeTime(RateToTime.fromSpikeGradient(s.gradOut()), mgr);   // gradOut is dL/ds
        } else {
            spikes = layer.activate(true, mgr);
            back = layer.backpropGradient(s.gradOut(), mgr);
        }
        Gradient g = back.getFirst();
        return new Result(spikes, g.getGradientFor(SpikingParamInitializer.WEIGHT).dup(),
                g.getGradientFor(SpikingParamInitializer.GAMMA).dup(), g.getGradientFor(SpikingParamInitializer.BETA).dup(),
                back.getSecond());
    }

    private static Result sameDiff(Setup s, boolean conv, int padding) {
        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("input", s.input().dup());
        SpikingParams p = SpikingParams.of(sd, "layer", s.weight(), s.gamma(), s.beta(), s.threshold());
        long[] is = s.input().shape();
        boolean isStatic = is.length == (conv ? 4 : 2);
        SpikeVariable x = conv
                ? (isStatic ? SpikeVariable.staticInput(in, is[1], is[2], is[3])
                : SpikeVariable.timed(in, (int) is[2], is[1], is[3], is[4]))
                : (isStatic ? SpikeVariable.staticInput(in, is[1]) : SpikeVariable.timed(in, (int) is[2], is[1]));
        SpikeLayer layer = conv ? SpikingOps.conv2d(sd, NEURON, x, p, 1, padding)
                : SpikingOps.dense(sd, NEURON, x, p, s.labels() == null ? null : sd.constant("labels", s.labels()));
        SDVariable spikes = layer.spikes().value();
        spikes.mul(sd.constant("gradOut", s.gradOut())).sum().markAsLoss();
        INDArray out = sd.output(Map.of(), spikes.name()).get(spikes.name());
        GradientFunction.create(sd);
        Map<String, INDArray> g = isStatic
                ? sd.calculateGradients(Map.of(), "layer/W", "layer/gamma", "layer/beta")
                : sd.calculateGradients(Map.of(), "input", "layer/W", "layer/gamma", "layer/beta");
        return new Result(out, g.get("layer/W"), g.get("layer/gamma"), g.get("layer/beta"), g.get("input"));
    }

    /**
     * The DL4J layers return the gradient of a static input (for stock layers below them, tested in
     * StaticInputGradientTest); the SameDiff ops treat a static input as data and compute none.
     */
    private static Result withoutInputGradient(Result r) {
        return new Result(r.spikes(), r.gradW(), r.gradGamma(), r.gradBeta(), null);
    }

    private static void assertSame(Result expected, Result actual) {
        Comparison cmp = new Comparison(Comparison.DOUBLE_TOLERANCE);
        cmp.exact("spikes", expected.spikes(), actual.spikes());
        cmp.close("grad W", expected.gradW(), actual.gradW());
        cmp.close("grad gamma", expected.gradGamma(), actual.gradGamma());
        cmp.close("grad beta", expected.gradBeta(), actual.gradBeta());
        if (expected.gradIn() == null) {
            assertNull(actual.gradIn(), "a static input is data: no gradient below it");
        } else {
            cmp.close("grad input", expected.gradIn(), actual.gradIn());
        }
        assertTrue(cmp.passed(), () -> String.join("\n", cmp.failures()));
        double spikeCount = expected.spikes().sumNumber().doubleValue();
        assertTrue(spikeCount > 0 && spikeCount < expected.spikes().length(),
                "the case must have some spikes and some silence, got " + spikeCount);
        assertTrue(expected.gradW().norm2Number().doubleValue() > 0, "a zero weight gradient proves nothing");
    }

    @Test
    void denseHiddenLayerOnSpikeTrains() {
        for (long seed = 1; seed <= 3; seed++) {
            Setup s = setup(seed, new long[]{7, 12}, new long[]{4, 12, 6}, true, new long[]{4, 7, 6}, false);
            Result dl = dl4j(s, new SpikingDense.Builder().nIn(12).nOut(7).neuron(NEURON).foldGamma(false).build(),
                    SpikeInputType.spikeTrains(12, 6));
            assertSame(dl, sameDiff(s, false, 0));
        }
    }

    @Test
    void denseLayerOnStaticInput() {
        Setup s = setup(11, new long[]{5, 9}, new long[]{3, 9}, false, new long[]{3, 5, 6}, false);
        Result dl = dl4j(s, new SpikingDense.Builder().nIn(9).nOut(5).neuron(NEURON).foldGamma(false).build(),
                InputType.feedForward(9));
        assertSame(withoutInputGradient(dl), sameDiff(s, false, 0));
    }

    @Test
    void outputLayerWithSupervisorySpike() {
        for (long seed = 21; seed <= 23; seed++) {
            Setup s = setup(seed, new long[]{6, 10}, new long[]{5, 10, 6}, true, new long[]{5, 6, 6}, true);
            Result dl = dl4j(s, new SpikingOutputLayer.Builder(LossKind.COUNT.create(new TargetCounts(3, 1), 3)).nIn(10).nOut(6).neuron(NEURON)
                    .foldGamma(false).build(), SpikeInputType.spikeTrains(10, 6));
            assertSame(dl, sameDiff(s, false, 0));
        }
    }

    @Test
    void convLayerOnSpikeMaps() {
        for (int padding = 0; padding <= 1; padding++) {
            Setup s = setup(31 + padding, new long[]{4, 3, 3, 3}, new long[]{2, 3, 6, 7, 6}, true,
                    new long[]{2, 4, 6, 5 + 2 * padding, 4 + 2 * padding}, false);
            Result dl = dl4j(s, new SpikingConv2D.Builder().nIn(3).nOut(4).kernelSize(3).padding(padding)
                    .neuron(NEURON).foldGamma(false).build(), SpikeInputType.eventFrames(7, 6, 3, 6));
            assertSame(dl, sameDiff(s, true, padding));
        }
    }

    @Test
    void convLayerOnStaticImage() {
        Setup s = setup(41, new long[]{3, 2, 3, 3}, new long[]{2, 2, 6, 6}, false, new long[]{2, 3, 6, 4, 4}, false);
        Result dl = dl4j(s, new SpikingConv2D.Builder().nIn(2).nOut(3).kernelSize(3).neuron(NEURON).foldGamma(false)
                .build(), SpikeInputType.staticImage(6, 6, 2));
        assertSame(withoutInputGradient(dl), sameDiff(s, true, 0));
    }

    @Test
    void twoLayerNetworkGradientsEqualTheNetworks() {
        Nd4j.getRandom().setSeed(61);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 20);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 6, 5);
        for (int n = 0; n < 6; n++) {
            labels.putScalar(n, n % 5, 1.0);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(61).miniBatch(false).list()
                .layer(new SpikingDense.Builder().nIn(20).nOut(12).neuron(NEURON).thresholdInit(0.8).build())
                .layer(new SpikingOutputLayer.Builder(org.spiketime4j.loss.LossKind.COUNT_PLUS.create(
                        org.spiketime4j.loss.TargetCounts.MNIST, 3)).nOut(5).neuron(NEURON).build())
                .setInputType(InputType.feedForward(20)).build());
        net.init();
        net.setInput(x);
        net.setLabels(labels);
        net.computeGradientAndScore();
        Gradient expected = net.gradient();

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("input", DataType.DOUBLE, -1, 20);
        SDVariable lab = sd.placeHolder("labels", DataType.DOUBLE, -1, 5);
        SpikingParams[] ps = new SpikingParams[2];
        for (int i = 0; i < 2; i++) {
            Layer l = net.getLayer(i);
            ps[i] = SpikingParams.of(sd, "l" + i, l.getParam(SpikingParamInitializer.WEIGHT),
                    l.getParam(SpikingParamInitializer.GAMMA), l.getParam(SpikingParamInitializer.BETA),
                    l.getParam(SpikingParamInitializer.THRESHOLD));
        }
        SpikeLayer h = SpikingOps.dense(sd, NEURON, SpikeVariable.staticInput(in, 20), ps[0], null);
        SpikeLayer o = SpikingOps.dense(sd, NEURON, h.spikes(), ps[1], lab);
        sd.setLossVariables(SpikeTimeLosses.loss(sd,
                org.spiketime4j.loss.LossKind.COUNT_PLUS.create(org.spiketime4j.loss.TargetCounts.MNIST, 3), o.spikes(), lab));
        GradientFunction.create(sd);
        Map<String, INDArray> g = sd.calculateGradients(Map.of("input", x, "labels", labels), "l0/W", "l0/gamma",
                "l0/beta", "l1/W", "l1/gamma", "l1/beta");
        Comparison cmp = new Comparison(Comparison.DOUBLE_TOLERANCE);
        for (int i = 0; i < 2; i++) {
            for (String p : new String[]{SpikingParamInitializer.WEIGHT, SpikingParamInitializer.GAMMA,
                    SpikingParamInitializer.BETA}) {
                INDArray e = expected.getGradientFor(i + "_" + p);
                cmp.close("layer " + i + " " + p, e, g.get("l" + i + "/" + p).reshape(e.shape()));
            }
        }
        assertTrue(cmp.passed(), () -> String.join("\n", cmp.failures()));
        assertTrue(expected.getGradientFor("0_W").norm2Number().doubleValue() > 0,
                "the hidden layer must get a gradient through the output layer");
    }

    @Test
    void poolingMatchesTheLayer() {
        Nd4j.getRandom().setSeed(51);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 4, 7, 6).gt(0.5).castTo(DataType.DOUBLE);
        INDArray g = Nd4j.randn(DataType.DOUBLE, 2, 3, 4, 3, 3);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list().layer(new org.spiketime4j.layers.SpikePooling2D.Builder().kernelSize(2).build())
                .setInputType(SpikeInputType.eventFrames(7, 6, 3, 4)).build());
        net.init();
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        Layer layer = net.getLayer(0);
        layer.setInput(x, mgr);
        INDArray expectedOut = layer.activate(true, mgr);
        INDArray expectedGrad = layer.backpropGradient(g, mgr).getSecond();

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.var("input", x.dup());
        SDVariable pooled = SpikingOps.pool(sd, SpikeVariable.timed(in, 4, 3, 7, 6), 2).value();
        pooled.mul(sd.constant(g)).sum().markAsLoss();
        INDArray out = sd.output(Map.of(), pooled.name()).get(pooled.name());
        GradientFunction.create(sd);
        INDArray grad = sd.calculateGradients(Map.of(), "input").get("input");
        assertEquals(expectedOut, out);
        assertEquals(expectedGrad, grad);
    }
}
