package org.spiketime4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.spiketime4j.data.Split;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.layers.SpikingParamInitializer;
import org.spiketime4j.loss.LossKind;

/**
 * Recipe: TransferLearning of a trained spiking network: keep the conv, pooling and hidden layers frozen as a
 * feature extractor, replace the output layer (here by one with another loss), fine-tune. The frozen weights
 * are the trained ones, exactly, before and after fine-tuning.
 */
class TransferLearningExampleTest {

    @Test
    void frozenFeatureExtractorWithANewHead() {
        DataSetIterator train = ExampleData.mnistFlat(Split.TRAIN, 0, 32, 16);
        MultiLayerNetwork base = new MultiLayerNetwork(ExampleData.spikingLeNet());
        base.init();
        base.fit(train);

        MultiLayerNetwork tuned = new TransferLearning.Builder(base)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Adam(1e-3)).seed(5).build())
                .setFeatureExtractor(2)
                .removeOutputLayer()
                .addLayer(new SpikingOutputLayer.Builder(LossKind.COUNT.create(new org.spiketime4j.loss.TargetCounts(4, 0), 3)).nIn(20).nOut(10).build())
                .build();
        for (int i = 0; i <= 2; i += 2) {
            assertEquals(base.getLayer(i).getParam(SpikingParamInitializer.WEIGHT),
                    tuned.getLayer(i).getParam(SpikingParamInitializer.WEIGHT), "layer " + i + " copied exactly");
        }
        INDArray conv = tuned.getLayer(0).getParam(SpikingParamInitializer.WEIGHT).dup();
        INDArray head = tuned.getLayer(3).getParam(SpikingParamInitializer.WEIGHT).dup();
        train.reset();
        tuned.fit(train);
        assertEquals(conv, tuned.getLayer(0).getParam(SpikingParamInitializer.WEIGHT), "frozen");
        assertNotEquals(head, tuned.getLayer(3).getParam(SpikingParamInitializer.WEIGHT), "the new head trains");
    }
}
