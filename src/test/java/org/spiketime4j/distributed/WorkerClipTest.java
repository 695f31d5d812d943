package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Test;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.layers.SpikingOutputLayer;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.loss.TargetCounts;
import org.spiketime4j.neuron.SrmNeuron;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.ReferenceAdam;

/**
 * A graph whose outputs mix a sum over the batch (count+) and a mean (TET) has no worker clip threshold that matches
 * the combined batch for both: a clear error instead of a silently wrong clip. (The thresholds themselves are
 * checked against one process on the combined batch in {@code EngineRuns.identicalBatchesStepAsOneProcess}.)
 */
class WorkerClipTest {

    private static ComputationGraph twoOutputs() {
        SrmNeuron n = SrmNeuron.MNIST;
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(3).miniBatch(false)
                .updater(new ReferenceAdam(5e-3)).graphBuilder()
                .addInputs("in").setInputTypes(SpikeInputType.staticImage(28, 28, 1))
                .addLayer("hidden", new SpikingConv2D.Builder().nOut(2).kernelSize(5).neuron(n).thresholdInit(3)
                        .build(), "in")
                .addLayer("sum", new SpikingOutputLayer.Builder(LossKind.COUNT_PLUS.create(TargetCounts.MNIST,
                        n.tauSynSteps())).nOut(10).neuron(n).thresholdInit(1).build(), "hidden")
                .addLayer("mean", new SpikingOutputLayer.Builder(LossKind.TET.create(TargetCounts.MNIST,
                        n.tauSynSteps())).nOut(10).neuron(n).thresholdInit(1).build(), "hidden")
                .setOutputs("sum", "mean").build());
        g.init();
        return g;
    }

    @Test
    void outputsMixingSumAndMeanAreAClearErrorOnlyWithAClip() {
        ComputationGraph g = twoOutputs();
        List<TrainingListener> noClip = List.of(new ScoreIterationListener(1));
        assertEquals(noClip, WorkerClip.forWorkers(g, noClip, 2), "without a clip nothing changes");
        Throwable t = assertThrows(IllegalArgumentException.class,
                () -> WorkerClip.forWorkers(g, List.of(new GradientNormClip(10)), 2));
        assertTrue(t.getMessage().contains("mix sum and mean"), t.getMessage());
    }
}
