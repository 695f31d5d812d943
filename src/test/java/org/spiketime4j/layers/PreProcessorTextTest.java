package org.spiketime4j.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.junit.jupiter.api.Test;

/** Configuration dumps name the spike preprocessor and its sizes. */
class PreProcessorTextTest {

    @Test
    void toStringNamesTheSizes() {
        assertEquals("SpikeMapsToTrainsPreProcessor(channels=4, timeSteps=5, height=6, width=7)",
                new SpikeMapsToTrainsPreProcessor(4, 5, 6, 7).toString());
        MultiLayerConfiguration c = new NeuralNetConfiguration.Builder().list()
                .layer(new SpikingConv2D.Builder().nOut(4).kernelSize(3).build())
                .layer(new SpikingDense.Builder().nOut(3).build())
                .setInputType(SpikeInputType.staticImage(8, 8, 1)).build();
        assertEquals("SpikeMapsToTrainsPreProcessor(channels=4, timeSteps=5, height=6, width=6)",
                String.valueOf(c.getInputPreProcess(1)));
    }
}
