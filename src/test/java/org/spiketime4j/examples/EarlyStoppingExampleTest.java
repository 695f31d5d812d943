package org.spiketime4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.spiketime4j.data.Split;

/**
 * Recipe: stock early stopping (loss on held-out data after every epoch, best model kept in memory) around a
 * spiking network.
 */
class EarlyStoppingExampleTest {

    @Test
    void earlyStoppingKeepsTheBestEpoch() {
        DataSetIterator train = ExampleData.mnistFlat(Split.TRAIN, 0, 32, 16);
        DataSetIterator held = ExampleData.mnistFlat(Split.TRAIN, 1000, 16, 16);
        MultiLayerNetwork net = new MultiLayerNetwork(ExampleData.spikingLeNet());
        net.init();
        EarlyStoppingConfiguration<MultiLayerNetwork> es = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(2))
                .scoreCalculator(new DataSetLossCalculator(held, true))
                .evaluateEveryNEpochs(1)
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        EarlyStoppingResult<MultiLayerNetwork> result = new EarlyStoppingTrainer(es, net, train).fit();

        assertEquals(EarlyStoppingResult.TerminationReason.EpochTerminationCondition, result.getTerminationReason());
        assertEquals(2, result.getTotalEpochs());
        MultiLayerNetwork best = result.getBestModel();
        assertNotNull(best);
        held.reset();
        double bestScore = result.getScoreVsEpoch().get(result.getBestModelEpoch());
        assertEquals(bestScore, new DataSetLossCalculator(held, true).calculateScore(best), 1e-6 * Math.abs(bestScore),
                "the saved model is the one that scored best");
    }
}
