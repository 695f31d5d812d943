package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.loss.TargetCounts;

/** Wrong shapes, NaN, empty batches and invalid settings give clear exceptions naming the layer and shapes. */
class BadInputTest {

    private static MultiLayerNetwork denseNet() {
        return LayerTestSupport.network(SpikeInputType.spikeTrains(8, 5),
                new SpikingDense.Builder().nOut(3).name("hidden").build());
    }

    private static void assertMessage(Throwable t, String... parts) {
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message '" + t.getMessage() + "' should mention " + p);
        }
    }

    /** A global dropOut reaches every layer; spiking layers (pooling too, which would ignore it) refuse it at init. */
    @Test
    void globalDropout() {
        for (org.deeplearning4j.nn.conf.layers.Layer spiking : new org.deeplearning4j.nn.conf.layers.Layer[]{
                new SpikingConv2D.Builder().nOut(2).kernelSize(3).name("spiking").build(),
                new SpikePooling2D.Builder().kernelSize(2).name("spiking").build()}) {
            MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dropOut(0.8).list()
                    .layer(spiking).setInputType(SpikeInputType.eventFrames(6, 6, 1, 5)).build());
            assertMessage(assertThrows(IllegalArgumentException.class, net::init), "layer 0", "'spiking'", "dropout",
                    "stock layers");
        }
    }

    @Test
    void wrongRank() {
        Throwable t = assertThrows(IllegalArgumentException.class, () -> denseNet().output(Nd4j.zeros(DataType.DOUBLE, 2, 8, 5, 1)));
        assertMessage(t, "layer 0", "SpikingDense 'hidden'", "[2, 8, 5, 1]");
    }

    @Test
    void wrongFeatureCount() {
        Throwable t = assertThrows(IllegalArgumentException.class, () -> denseNet().output(Nd4j.zeros(DataType.DOUBLE, 2, 7, 5)));
        assertMessage(t, "hidden", "7", "nIn is 8", "[2, 7, 5]");
    }

    @Test
    void wrongTimeSteps() {
        Throwable t = assertThrows(IllegalArgumentException.class, () -> denseNet().output(Nd4j.zeros(DataType.DOUBLE, 2, 8, 4)));
        assertMessage(t, "4 time steps", "T=5");
    }

    @Test
    void nan() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 2, 8, 5);
        x.putScalar(3, Double.NaN);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> denseNet().output(x)), "NaN", "hidden");
    }

    @Test
    void emptyBatch() {
        var layer = denseNet().getLayer(0);
        var mgr = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        layer.setInput(Nd4j.zeros(DataType.DOUBLE, 0, 8, 5), mgr);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> layer.activate(false, mgr)),
                "empty batch", "hidden", "[0, 8, 5]");
    }

    @Test
    void invalidNeuronConstants() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(5, 3, 3, 2)), "tauMemSteps", "tauSynSteps");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(0, 5, 3, 2)), "timeSteps", "0");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(5, -1, 3, 2)), "tauMemSteps", "-1");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(5, 5, 3, 0)), "tauGradSteps");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SrmNeuron(5, 5, Double.NaN, 2)), "tauSynSteps");
    }

    @Test
    void invalidBuilderSettings() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SpikingConv2D.Builder().kernelSize(0)), "kernelSize");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SpikingConv2D.Builder().padding(-1)), "padding");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SpikePooling2D.Builder().kernelSize(0)), "kernelSize");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> new SpikingDense.Builder().thresholdInit(0)), "thresholdInit");
    }

    @Test
    void mismatchedTimeStepsAtBuildTime() {
        Throwable t = assertThrows(IllegalArgumentException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(new SpikingDense.Builder().nOut(3).neuron(SrmNeuron.NMNIST).build())
                .setInputType(SpikeInputType.spikeTrains(8, 5)).build());
        assertMessage(t, "5 time steps", "timeSteps=30");
    }

    @Test
    void poolingNeedsSpikeMaps() {
        Throwable t = assertThrows(IllegalArgumentException.class, () -> new NeuralNetConfiguration.Builder().list()
                .layer(new SpikePooling2D.Builder().build()).setInputType(SpikeInputType.staticImage(28, 28, 1)).build());
        assertMessage(t, "SpikePooling2D", "spike maps");
    }

    @Test
    void wrongLabels() {
        MultiLayerNetwork net = LayerTestSupport.network(SpikeInputType.spikeTrains(8, 5),
                new SpikingOutputLayer.Builder(org.spiketime4j.loss.LossKind.COUNT.create(new TargetCounts(3, 1), 3)).nOut(3).build());
        Throwable t = assertThrows(IllegalArgumentException.class,
                () -> net.fit(Nd4j.zeros(DataType.DOUBLE, 2, 8, 5), Nd4j.zeros(DataType.DOUBLE, 2, 4)));
        assertMessage(t, "labels", "[2, 3]", "[2, 4]");
    }
}
