package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.transferlearning.TransferLearningHelper;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.loss.TargetCounts;

/**
 * Every path that sets or copies parameters keeps them exact: {@code setParams(params())} on each spiking layer,
 * {@code setParams} of a given vector, TransferLearning of a MultiLayerNetwork and of a ComputationGraph, and
 * TransferLearningHelper. The truth is the parameter table of the source layer, key by key.
 */
class ParameterCopyTest {

    private static final SrmNeuron NEURON = new SrmNeuron(4, 5, 3, 2.5);

    private static MultiLayerConfiguration conf() {
        return SerializationTest.conf();
    }

    private static MultiLayerNetwork trained() {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        distinct(net.getLayers());
        return net;
    }

    /** Distinct values in every parameter, so that any permutation shows; gamma and threshold stay positive. */
    private static void distinct(Layer[] layers) {
        for (Layer layer : layers) {
            layer.paramTable().forEach((k, v) -> {
                INDArray ramp = Nd4j.linspace(1, v.length(), v.length(), DataType.DOUBLE).reshape(v.shape());
                switch (k) {
                    case SpikingParamInitializer.WEIGHT -> v.assign(ramp.divi(v.length()).subi(0.5));
                    case SpikingParamInitializer.BETA -> v.assign(ramp.muli(0.01));
                    default -> v.assign(ramp.muli(0.05).addi(0.5));
                }
            });
        }
    }

    private static DataSet data() {
        INDArray x = LayerTestSupport.gaussian(new Random(4), 6, 1, 6, 6).muli(2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 6, 3);
        for (int i = 0; i < 6; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(x, y);
    }

    private static void assertSameTable(Layer expected, Layer actual, String what) {
        assertSameTable(expected, actual, what, false);
    }

    /** @param castToActual compare in the copy's data type (for copies that DL4J makes in another type) */
    private static void assertSameTable(Layer expected, Layer actual, String what, boolean castToActual) {
        Map<String, INDArray> e = expected.paramTable();
        Map<String, INDArray> a = actual.paramTable();
        assertEquals(e.keySet(), a.keySet(), what);
        for (String k : e.keySet()) {
            INDArray want = castToActual ? e.get(k).castTo(a.get(k).dataType()) : e.get(k);
            assertEquals(want.dataType(), a.get(k).dataType(), what + ": data type of " + k);
            assertEquals(want, a.get(k), what + ": parameter " + k);
        }
    }

    @Test
    void setParamsOfParamsKeepsEveryLayer() {
        MultiLayerNetwork net = trained();
        for (Layer layer : net.getLayers()) {
            if (layer.numParams() == 0) {
                continue;
            }
            Map<String, INDArray> before = new java.util.LinkedHashMap<>();
            layer.paramTable().forEach((k, v) -> before.put(k, v.dup()));
            layer.setParams(layer.params().dup());
            for (String k : before.keySet()) {
                assertEquals(before.get(k), layer.getParam(k), layer.getClass().getSimpleName() + " " + k);
            }
        }
    }

    @Test
    void setParamsFromAnotherLayerCopiesTheTable() {
        MultiLayerNetwork from = trained();
        MultiLayerNetwork to = new MultiLayerNetwork(conf());
        to.init();
        for (int i = 0; i < from.getnLayers(); i++) {
            if (from.getLayer(i).numParams() == 0) {
                continue;
            }
            to.getLayer(i).setParams(from.getLayer(i).params().dup());
            assertSameTable(from.getLayer(i), to.getLayer(i), "layer " + i);
        }
    }

    @Test
    void transferLearningFeatureExtractorKeepsFrozenWeightsThroughTraining() {
        MultiLayerNetwork from = trained();
        MultiLayerNetwork tl = new TransferLearning.Builder(from)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-2)).build())
                .setFeatureExtractor(2).build();
        for (int i = 0; i < from.getnLayers(); i++) {
            assertSameTable(from.getLayer(i), tl.getLayer(i), "copied layer " + i);
        }
        INDArray frozenConv = tl.getLayer(0).getParam(SpikingParamInitializer.WEIGHT).dup();
        INDArray frozenDense = tl.getLayer(2).getParam(SpikingParamInitializer.WEIGHT).dup();
        INDArray head = tl.getLayer(3).getParam(SpikingParamInitializer.WEIGHT).dup();
        tl.fit(data());
        assertEquals(frozenConv, tl.getLayer(0).getParam(SpikingParamInitializer.WEIGHT));
        assertEquals(frozenDense, tl.getLayer(2).getParam(SpikingParamInitializer.WEIGHT));
        assertNotEquals(head, tl.getLayer(3).getParam(SpikingParamInitializer.WEIGHT), "the head trains");
    }

    @Test
    void transferLearningHelperSplitsExactly() {
        MultiLayerNetwork from = trained();
        TransferLearningHelper helper = new TransferLearningHelper(from, 2);
        MultiLayerNetwork unfrozen = helper.unfrozenMLN();
        assertEquals(1, unfrozen.getnLayers());
        assertSameTable(from.getLayer(3), unfrozen.getLayer(0), "unfrozen output layer");
        DataSet featurized = helper.featurize(data());
        assertEquals(from.feedForwardToLayer(2, data().getFeatures()).get(3), featurized.getFeatures(),
                "featurized = the frozen part's output");
        INDArray before = unfrozen.getLayer(0).getParam(SpikingParamInitializer.WEIGHT).dup();
        helper.fitFeaturized(featurized);
        assertNotEquals(before, unfrozen.getLayer(0).getParam(SpikingParamInitializer.WEIGHT), "the head trains");
        assertSameTable(unfrozen.getLayer(0), from.getLayer(3), "the trained head is the original's");
    }

    @Test
    void transferLearningGraphBuilderKeepsWeights() {
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("conv", new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).neuron(NEURON)
                        .thresholdInit(0.3).build(), "in")
                .addLayer("pool", new SpikePooling2D.Builder().kernelSize(2).build(), "conv")
                .addLayer("dense", new SpikingDense.Builder().nOut(6).neuron(NEURON).thresholdInit(0.3).build(), "pool")
                .addLayer("out", new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3)
                        .neuron(NEURON).thresholdInit(0.3).build(), "dense")
                .setOutputs("out").setInputTypes(SpikeInputType.staticImage(6, 6, 1)).build();
        ComputationGraph from = new ComputationGraph(c);
        from.init();
        distinct(from.getLayers());
        ComputationGraph tl = new TransferLearning.GraphBuilder(from)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-2)).build())
                .setFeatureExtractor("dense").build();
        // M2.1's GraphBuilder makes a FLOAT graph of a DOUBLE one (stock layers too): the values must be the
        // originals rounded to float, in the right places
        for (String name : new String[]{"conv", "dense", "out"}) {
            assertSameTable(from.getLayer(name), tl.getLayer(name), name, true);
        }
        INDArray conv = tl.getLayer("conv").getParam(SpikingParamInitializer.WEIGHT).dup();
        tl.fit(data());
        assertEquals(conv, tl.getLayer("conv").getParam(SpikingParamInitializer.WEIGHT));

        TransferLearningHelper helper = new TransferLearningHelper(from, "dense");
        ComputationGraph unfrozen = helper.unfrozenGraph();
        assertSameTable(from.getLayer("out"), unfrozen.getLayer("out"), "graph helper: out", true);
    }
}
