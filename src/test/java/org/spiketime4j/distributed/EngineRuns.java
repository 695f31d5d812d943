package org.spiketime4j.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.spiketime4j.loss.LossKind;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.spiketime4j.train.Checkpoint;
import org.spiketime4j.train.EpochTrainer;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.TrainingOptions;
import org.spiketime4j.train.TrainingRun;

/**
 * Checks shared by both engines: two workers equal parameter averaging done by hand; a whole run through
 * {@link TrainingRun} learns, logs, checkpoints and resumes; and workers that all get the same batch step as one
 * process on their combined batch.
 */
final class EngineRuns {

    private EngineRuns() {
    }

    /**
     * Two workers trained {@code trained} from {@code start} on {@code batches} for two epochs: it must equal
     * parameter averaging done by hand (each replica clipping at its share of the threshold), parameters and Adam's
     * moments, and differ from the same averaging without the clip on the workers.
     *
     * @param start   the network before training
     * @param batches the batches of one epoch
     * @param trained the network the engine trained
     */
    static void equalsHandMadeAveraging(MultiLayerNetwork start, List<DataSet> batches, MultiLayerNetwork trained) {
        MultiLayerNetwork expected = Simulation.averaged(start, batches, 2, 2, Simulation.WORKER_CLIP);
        MultiLayerNetwork unclipped = Simulation.averaged(start, batches, 2, 2, Simulation.NO_CLIP);
        double diff = Simulation.relativeDifference(expected.params(), trained.params());
        assertTrue(diff < 1e-6, "parameters differ from hand-made averaging by " + diff);
        double stateDiff = Simulation.relativeDifference(expected.getUpdater().getStateViewArray(),
                trained.getUpdater().getStateViewArray());
        assertTrue(stateDiff < 1e-6, "Adam moments differ from hand-made averaging by " + stateDiff);
        // Adam is nearly invariant to a constant gradient scale, so the clip shows only through its varying factor
        assertTrue(Simulation.relativeDifference(unclipped.params(), trained.params()) > 1e-5,
                "without the clip on the workers the result would differ");
    }

    private static TrainingOptions options(Path out) {
        return new TrainingOptions(Presets.MNIST.withEpochs(2).withBatchSize(25), Path.of("datasets", "mnist"), 300,
                100, 5, out);
    }

    /**
     * Two epochs on 300 images, batches of 25 per worker; then the same run stopped after epoch 1 and resumed.
     *
     * @param engine the engine under test
     * @param dir    a scratch folder
     * @throws Exception if the run fails
     */
    static void learnsLogsAndResumesIdentically(EpochTrainer engine, Path dir) throws Exception {
        Path full = dir.resolve("full");
        double accuracy = new TrainingRun(options(full), null, engine).start();
        assertTrue(accuracy > 0.3, "300 examples x 2 epochs should beat chance (0.1) by far, got " + accuracy);
        List<String> lines = Files.readAllLines(full.resolve(TrainingRun.METRICS_FILE));
        assertEquals(2, lines.size());
        JsonNode last = new ObjectMapper().readTree(lines.get(1));
        assertEquals(accuracy, last.get("test_accuracy").asDouble(), 1e-12);
        assertTrue(last.get("train_accuracy").asDouble() > 0.1, "the workers' statistics reach the metrics: " + last);
        assertEquals(4, last.get("spikes_per_neuron").size(), "one entry per spiking layer: " + last);
        MultiLayerNetwork a = Checkpoint.read(full.resolve(TrainingRun.MODEL_FILE));
        assertEquals(2, a.getEpochCount());
        assertEquals(12, a.getIterationCount(), "300 / (2 workers x 25) = 6 averaged steps per epoch");

        Path part = dir.resolve("part");
        new TrainingRun(options(part), null, engine).startEpochs(1);
        double resumed = new TrainingRun(options(part), null, engine).resume();
        MultiLayerNetwork b = Checkpoint.read(part.resolve(TrainingRun.MODEL_FILE));
        assertEquals(a.params(), b.params(), "resumed parameters equal the uninterrupted run's");
        assertEquals(a.getUpdater().getStateViewArray(), b.getUpdater().getStateViewArray(), "and Adam's moments");
        assertEquals(accuracy, resumed, 1e-12);
    }

    /**
     * Two workers that both get the same batch form a combined batch of that batch twice; their averaged step must be
     * one process's step on it, the gradient-norm clip included, whether the loss sums over the batch (count+: the
     * combined gradient is twice a worker's) or averages (TET: it equals a worker's). The clip threshold is 0.75 x
     * the norm of the first combined gradient, so that the combined batch is clipped at the first step and the
     * later steps are not clipped alike; the premise: a worker clip that ignored the reduction (the full threshold
     * under the sum, equal to one process at twice the threshold; half of it under the mean, equal to one process
     * at half) would differ. Adam's epsilon is made negligible, since it makes Adam see the scale of its gradients.
     *
     * @param step trains the network one averaged step on the engine, each of two workers on the given batch
     * @throws IOException if the shipped MNIST files cannot be read
     */
    static void identicalBatchesStepAsOneProcess(BiConsumer<MultiLayerNetwork, DataSet> step) throws IOException {
        List<DataSet> batches = Simulation.inDouble(Simulation.batches(20));
        for (LossKind loss : List.of(LossKind.COUNT_PLUS, LossKind.TET)) {
            MultiLayerNetwork start = Simulation.scaleInvariant(loss, batches.get(0));
            double clip = 0.75 * Simulation.gradientNorm(start, DataSet.merge(List.of(batches.get(0), batches.get(0))));
            MultiLayerNetwork net = Simulation.replica(start, clip);
            for (DataSet b : batches) {
                step.accept(net, b);
            }
            MultiLayerNetwork expected = Simulation.oneProcessOnCombinedBatches(start, batches, 2, clip);
            double wrongClip = loss == LossKind.TET ? clip / 2 : 2 * clip;
            MultiLayerNetwork reductionIgnored = Simulation.oneProcessOnCombinedBatches(start, batches, 2, wrongClip);

            double diff = Simulation.relativeDifference(expected.params(), net.params());
            double premise = Simulation.relativeDifference(expected.params(), reductionIgnored.params());
            // measured on both engines: 1.5e-15 (count+) and 1.4e-17 (TET) against premises of 7.3e-6 and 1.5e-5
            assertTrue(diff < 1e-12, loss + ": parameters differ from one process on the combined batch by " + diff);
            assertTrue(premise > 1e-6, loss + ": premise: a clip that ignores the reduction differs, by " + premise);
            assertEquals(batches.size(), net.getIterationCount());
        }
    }
}
