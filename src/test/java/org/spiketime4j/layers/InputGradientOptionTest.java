package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.NetworkSpec;

/**
 * {@code inputGradient(false)} on the first layer: the same parameter gradients and training, bit for bit, as the
 * same network computing the input gradient that DL4J throws away; a null input gradient; the setting kept by
 * every form of serialization; clear errors where a layer below would need the gradient.
 */
class InputGradientOptionTest {

    private static final SrmNeuron NEURON = new SrmNeuron(4, 5, 3, 2.5);
    private static final LayerWorkspaceMgr MGR = LayerWorkspaceMgr.noWorkspaces();

    /** conv - pool - dense - output, the first layer's input gradient on or off. */
    private static MultiLayerConfiguration convNet(InputType in, DataType dataType, boolean firstInputGradient) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(dataType).updater(new Adam(1e-2)).list()
                .layer(new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).neuron(NEURON).thresholdInit(0.3)
                        .inputGradient(firstInputGradient).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(6).neuron(NEURON).thresholdInit(0.3).build())
                .layer(output())
                .setInputType(in).build();
    }

    /** dense - output, the dense layer's input gradient on or off. */
    private static MultiLayerConfiguration denseNet(InputType in, boolean firstInputGradient) {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(1e-2)).list()
                .layer(new SpikingDense.Builder().nOut(8).neuron(NEURON).thresholdInit(0.3)
                        .inputGradient(firstInputGradient).build())
                .layer(output())
                .setInputType(in).build();
    }

    private static SpikingOutputLayer output() {
        return new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3)
                .neuron(NEURON).thresholdInit(0.3).build();
    }

    private static INDArray labels(int mb, DataType dataType) {
        INDArray y = Nd4j.zeros(dataType, mb, 3);
        for (int i = 0; i < mb; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return y;
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration c) {
        MultiLayerNetwork net = new MultiLayerNetwork(c);
        net.init();
        return net;
    }

    /**
     * The parameter gradients of one batch and the parameters after three {@code fit} steps are bit-identical with
     * the first layer's input gradient on and off; with it off, {@code calculateGradients} returns no input
     * gradient.
     */
    private static void sameTraining(Function<Boolean, MultiLayerConfiguration> conf, INDArray x) {
        INDArray y = labels((int) x.size(0), x.dataType());
        MultiLayerNetwork on = init(conf.apply(true));
        MultiLayerNetwork off = init(conf.apply(false));
        assertArrayEquals(on.params().toDoubleVector(), off.params().toDoubleVector(), "same seed, same parameters");

        on.setInput(x);
        on.setLabels(y);
        off.setInput(x);
        off.setLabels(y);
        on.computeGradientAndScore();
        off.computeGradientAndScore();
        double[] gradOn = on.gradient().gradient().toDoubleVector();
        INDArray firstWeightGrad = on.gradient().getGradientFor("0_" + SpikingParamInitializer.WEIGHT);
        assertTrue(firstWeightGrad.amaxNumber().doubleValue() > 0, "the first layer must get a weight gradient");
        assertArrayEquals(gradOn, off.gradient().gradient().toDoubleVector());
        assertEquals(on.score(), off.score());

        assertNotNull(on.calculateGradients(x, y, null, null).getSecond(), "on: the input gradient comes back");
        assertNull(off.calculateGradients(x, y, null, null).getSecond(), "off: no input gradient");

        for (int step = 0; step < 3; step++) {
            on.fit(new DataSet(x, y));
            off.fit(new DataSet(x, y));
        }
        assertNotEquals(init(conf.apply(true)).params(), on.params(), "training must move the parameters");
        assertArrayEquals(on.params().toDoubleVector(), off.params().toDoubleVector(), "same steps, same parameters");
    }

    @Test
    void staticImageTrainsTheSame() {
        sameTraining(g -> convNet(SpikeInputType.staticImage(6, 6, 1), DataType.DOUBLE, g),
                LayerTestSupport.gaussian(new Random(4), 5, 1, 6, 6).muli(2));
    }

    /** Flat images get DL4J's FeedForwardToCnnPreProcessor, wrapped so that it passes the null gradient on. */
    @Test
    void flatImageTrainsTheSame() {
        InputType flat = InputType.convolutionalFlat(6, 6, 1);
        assertInstanceOf(FeedForwardToCnnPreProcessor.class, ((NoInputGradientPreProcessor) convNet(flat,
                DataType.DOUBLE, false).getInputPreProcess(0)).getWrapped());
        assertInstanceOf(FeedForwardToCnnPreProcessor.class, convNet(flat, DataType.DOUBLE, true).getInputPreProcess(0));
        sameTraining(g -> convNet(flat, DataType.DOUBLE, g),
                LayerTestSupport.gaussian(new Random(4), 5, 36).muli(2));
    }

    /** A dense first layer on images (CnnToFeedForwardPreProcessor) and on spike maps (SpikeMapsToTrainsPreProcessor). */
    @Test
    void denseFirstLayerTrainsTheSame() {
        InputType image = SpikeInputType.staticImage(4, 4, 1);
        assertInstanceOf(CnnToFeedForwardPreProcessor.class,
                ((NoInputGradientPreProcessor) denseNet(image, false).getInputPreProcess(0)).getWrapped());
        sameTraining(g -> denseNet(image, g), LayerTestSupport.gaussian(new Random(5), 6, 1, 4, 4).muli(2));
        InputType maps = SpikeInputType.eventFrames(4, 4, 2, NEURON.timeSteps());
        assertInstanceOf(SpikeMapsToTrainsPreProcessor.class,
                ((NoInputGradientPreProcessor) denseNet(maps, false).getInputPreProcess(0)).getWrapped());
        sameTraining(g -> denseNet(maps, g), LayerTestSupport.spikes(new Random(6), 0.4, 6, 2, NEURON.timeSteps(), 4, 4));
    }

    /** Spike maps [mb, C, T, H, W] as N-MNIST: in double (ND4J-op sweep) and float (the fused sweep). */
    @Test
    void spikeMapsTrainTheSame() {
        InputType maps = SpikeInputType.eventFrames(6, 6, 2, NEURON.timeSteps());
        for (DataType dt : new DataType[]{DataType.DOUBLE, DataType.FLOAT}) {
            INDArray x = LayerTestSupport.spikes(new Random(7), 0.4, 5, 2, NEURON.timeSteps(), 6, 6).castTo(dt);
            sameTraining(g -> convNet(maps, dt, g), x);
        }
    }

    @Test
    void networkSpecSkipsOnlyTheFirstLayersInputGradient() {
        var layers = NetworkSpec.parse("4C3-AP2-8-3").layers(NEURON, LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3));
        assertFalse(((SpikingWeightLayer) layers.get(0)).isInputGradient());
        assertTrue(((SpikingWeightLayer) layers.get(2)).isInputGradient());
        assertTrue(((SpikingWeightLayer) layers.get(3)).isInputGradient());
    }

    @Test
    void settingSurvivesJsonYamlCloneAndModelSerializer(@TempDir Path dir) throws Exception {
        MultiLayerConfiguration off = convNet(SpikeInputType.staticImage(6, 6, 1), DataType.DOUBLE, false);
        MultiLayerConfiguration on = convNet(SpikeInputType.staticImage(6, 6, 1), DataType.DOUBLE, true);
        assertNotEquals(on, off);
        assertNotEquals(on.getConf(0).getLayer().hashCode(), off.getConf(0).getLayer().hashCode());
        assertTrue(off.toJson().contains("\"inputGradient\" : false"), off.toJson());
        assertEquals(off, MultiLayerConfiguration.fromJson(off.toJson()));
        assertEquals(off, MultiLayerConfiguration.fromYaml(off.toYaml()));
        assertFalse(first(MultiLayerConfiguration.fromJson(off.toJson())).isInputGradient());
        assertFalse(((SpikingWeightLayer) off.getConf(0).getLayer().clone()).isInputGradient());
        assertEquals(off, off.clone());

        MultiLayerNetwork net = init(off);
        File f = dir.resolve("m.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertFalse(first(back.getLayerWiseConfigurations()).isInputGradient());
        INDArray x = LayerTestSupport.gaussian(new Random(4), 5, 1, 6, 6).muli(2);
        assertNull(back.calculateGradients(x, labels(5, DataType.DOUBLE), null, null).getSecond());
    }

    /** A configuration written before the setting existed has no "inputGradient" property: it loads as true. */
    @Test
    void olderConfigurationsLoadWithTheInputGradient() throws Exception {
        String json = convNet(SpikeInputType.staticImage(6, 6, 1), DataType.DOUBLE, true).toJson();
        String withoutField = json.replaceAll("\\s*\"inputGradient\" : true,", "");
        assertFalse(withoutField.contains("inputGradient"));
        assertTrue(first(MultiLayerConfiguration.fromJson(withoutField)).isInputGradient());
        MultiLayerNetwork old;
        try (var in = InputGradientOptionTest.class.getResourceAsStream("/models/v0.1.0-tiny.zip")) {
            old = ModelSerializer.restoreMultiLayerNetwork(in, true);
        }
        assertTrue(first(old.getLayerWiseConfigurations()).isInputGradient(), "a model saved by version 0.1.0");
    }

    private static SpikingWeightLayer first(MultiLayerConfiguration c) {
        return (SpikingWeightLayer) c.getConf(0).getLayer();
    }

    @Test
    void multiLayerNetworkRefusesItBelowTheFirstLayer() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new SpikingConv2D.Builder().nOut(3).kernelSize(3).neuron(NEURON).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(4).neuron(NEURON).name("hidden").inputGradient(false).build())
                .layer(output())
                .setInputType(SpikeInputType.staticImage(6, 6, 1)).build());
        Throwable t = assertThrows(IllegalArgumentException.class, net::init);
        for (String part : new String[]{"layer 2", "SpikingDense 'hidden'", "inputGradient(false)", "layer 0"}) {
            assertTrue(t.getMessage().contains(part), "message '" + t.getMessage() + "' should mention " + part);
        }
    }

    /**
     * In a ComputationGraph the option is not checked at init (a layer knows only its vertex index): on the first
     * layer it trains as without it; above a pooling layer DL4J's LayerVertex refuses the pooling layer's backward
     * pass, naming the vertex.
     */
    @Test
    void computationGraph() {
        INDArray x = LayerTestSupport.gaussian(new Random(4), 5, 1, 6, 6).muli(2);
        DataSet data = new DataSet(x, labels(5, DataType.DOUBLE));
        ComputationGraph on = new ComputationGraph(graph(true, false));
        ComputationGraph off = new ComputationGraph(graph(false, false));
        on.init();
        off.init();
        for (int step = 0; step < 3; step++) {
            on.fit(data);
            off.fit(data);
        }
        assertArrayEquals(on.params().toDoubleVector(), off.params().toDoubleVector());

        ComputationGraph wrong = new ComputationGraph(graph(false, true));
        wrong.init();
        INDArray maps = LayerTestSupport.spikes(new Random(8), 0.4, 5, 1, NEURON.timeSteps(), 12, 12);
        Throwable t = assertThrows(IllegalStateException.class,
                () -> wrong.fit(new DataSet(maps, labels(5, DataType.DOUBLE))));
        assertTrue(t.getMessage().contains("epsilons not set") && t.getMessage().contains("\"pool\""), t.getMessage());
    }

    /** in - (pool) - conv - out, the conv layer's input gradient on or off. */
    private static ComputationGraphConfiguration graph(boolean inputGradient, boolean poolFirst) {
        var b = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(1e-2))
                .graphBuilder().addInputs("in");
        String convInput = "in";
        if (poolFirst) {
            b.addLayer("pool", new SpikePooling2D.Builder().kernelSize(2).build(), "in");
            convInput = "pool";
        }
        return b.addLayer("conv", new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).neuron(NEURON)
                        .thresholdInit(0.3).inputGradient(inputGradient).build(), convInput)
                .addLayer("out", output(), "conv")
                .setOutputs("out")
                .setInputTypes(poolFirst ? SpikeInputType.eventFrames(12, 12, 1, NEURON.timeSteps())
                        : SpikeInputType.staticImage(6, 6, 1)).build();
    }

    /** Our layers and preprocessors handed a null gradient name the likely cause instead of failing with an NPE. */
    @Test
    void nullGradientIsAClearError() {
        MultiLayerNetwork net = init(convNet(SpikeInputType.eventFrames(6, 6, 2, NEURON.timeSteps()), DataType.DOUBLE,
                true));
        INDArray x = LayerTestSupport.spikes(new Random(7), 0.4, 2, 2, NEURON.timeSteps(), 6, 6);
        for (int i = 0; i < 3; i++) {
            var layer = net.getLayer(i);
            layer.setInput(x, MGR);
            INDArray next = layer.activate(true, MGR);
            Throwable t = assertThrows(IllegalStateException.class, () -> layer.backpropGradient(null, MGR));
            assertTrue(t.getMessage().contains("layer " + i) && t.getMessage().contains("null epsilon")
                    && t.getMessage().contains("inputGradient(false)"), t.getMessage());
            x = i == 1 ? net.getLayerWiseConfigurations().getInputPreProcess(2).preProcess(next, 2, MGR) : next;
        }
        Throwable t = assertThrows(IllegalStateException.class,
                () -> net.getLayerWiseConfigurations().getInputPreProcess(2).backprop(null, 2, MGR));
        assertTrue(t.getMessage().contains("SpikeMapsToTrainsPreProcessor") && t.getMessage().contains("null epsilon"),
                t.getMessage());
    }
}
