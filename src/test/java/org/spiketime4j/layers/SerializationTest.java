package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;

/** JSON/YAML and ModelSerializer round trips, in MultiLayerNetwork and ComputationGraph. */
class SerializationTest {

    private static final SrmNeuron NEURON = new SrmNeuron(4, 5, 3, 2.5);

    /** @return a small conv-pool-dense-output network (also the subject of ParameterCopyTest) */
    static MultiLayerConfiguration conf() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Adam(1e-2)).list()
                .layer(new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).neuron(NEURON).thresholdInit(0.3).build())
                .layer(new SpikePooling2D.Builder().kernelSize(2).build())
                .layer(new SpikingDense.Builder().nOut(6).neuron(NEURON).thresholdInit(0.3).build())
                .layer(new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3).neuron(NEURON)
                        .thresholdInit(0.3).build())
                .setInputType(SpikeInputType.staticImage(6, 6, 1)).build();
    }

    private static INDArray features() {
        return LayerTestSupport.gaussian(new Random(4), 5, 1, 6, 6).muli(2);
    }

    private static INDArray labels() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 5, 3);
        for (int i = 0; i < 5; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return y;
    }

    @Test
    void jsonAndYamlRoundTrips() {
        MultiLayerConfiguration c = conf();
        assertEquals(c, MultiLayerConfiguration.fromJson(c.toJson()));
        assertEquals(c.toJson(), MultiLayerConfiguration.fromJson(c.toJson()).toJson());
        assertEquals(c, MultiLayerConfiguration.fromYaml(c.toYaml()));
    }

    @Test
    void modelSerializerKeepsOutputsAndThresholds(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = new MultiLayerNetwork(conf());
        net.init();
        for (int i = 0; i < 3; i++) {
            net.fit(features(), labels());
        }
        INDArray out = net.output(features());          // folds gamma into the threshold
        INDArray thresholdAfterTraining = net.getLayer(0).getParam(SpikingParamInitializer.THRESHOLD).dup();
        assertNotEquals(0.3, thresholdAfterTraining.getDouble(0), 1e-12, "training should have moved the threshold");
        File f = dir.resolve("m.zip").toFile();
        ModelSerializer.writeModel(net, f, true);
        MultiLayerNetwork back = ModelSerializer.restoreMultiLayerNetwork(f, true);
        assertEquals(thresholdAfterTraining, back.getLayer(0).getParam(SpikingParamInitializer.THRESHOLD));
        assertEquals(net.params(), back.params());
        assertEquals(out, back.output(features()));
        assertEquals(net.getUpdater().getStateViewArray(), back.getUpdater().getStateViewArray());
        net.fit(features(), labels());
        back.fit(features(), labels());
        assertEquals(net.params(), back.params(), "the restored network continues training identically");
    }

    @Test
    void modelFromVersion010StillLoads() throws Exception {
        MultiLayerNetwork old;
        try (var in = SerializationTest.class.getResourceAsStream("/models/v0.1.0-tiny.zip")) {
            old = ModelSerializer.restoreMultiLayerNetwork(in, true);
        }
        INDArray expected;
        try (var in = SerializationTest.class.getResourceAsStream("/models/v0.1.0-tiny-output.npy")) {
            expected = Nd4j.createNpyFromInputStream(in);
        }
        INDArray x = Nd4j.linspace(-2, 2, 72, DataType.DOUBLE).reshape(2, 1, 6, 6);
        assertEquals(expected, old.output(x), "a model saved by version 0.1.0 gives the outputs it gave then");
    }

    @Test
    void computationGraphTrainsAndRoundTrips(@TempDir Path dir) throws Exception {
        ComputationGraphConfiguration c = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new Adam(1e-2)).graphBuilder().addInputs("in")
                .addLayer("conv", new SpikingConv2D.Builder().nOut(3).kernelSize(3).padding(1).neuron(NEURON)
                        .thresholdInit(0.3).build(), "in")
                .addLayer("pool", new SpikePooling2D.Builder().kernelSize(2).build(), "conv")
                .addLayer("out", new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(new TargetCounts(3, 1), 3)).nOut(3)
                        .neuron(NEURON).thresholdInit(0.3).build(), "pool")
                .setOutputs("out").setInputTypes(SpikeInputType.staticImage(6, 6, 1)).build();
        assertEquals(c, ComputationGraphConfiguration.fromJson(c.toJson()));
        ComputationGraph g = new ComputationGraph(c);
        g.init();
        INDArray before = g.params().dup();
        g.fit(new org.nd4j.linalg.dataset.DataSet(features(), labels()));
        assertNotEquals(before, g.params());
        File f = dir.resolve("g.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph back = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(g.outputSingle(features()), back.outputSingle(features()));
    }
}
