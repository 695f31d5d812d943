package org.spiketime4j.train;

import java.io.PrintStream;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.spiketime4j.layers.SpikeLayout;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.neuron.Readout;

/**
 * A training listener that keeps the statistics of the current epoch (loss, running accuracy from the
 * output spikes before the supervisory spike, spikes per neuron of every spiking layer, the summed
 * spike-time gradient at the output) and draws a progress bar.
 *
 * <p>Example: {@code DocExamplesTest#trainingLoop}.
 */
public final class TrainingMonitor extends BaseTrainingListener {

    /**
     * Statistics of one epoch so far.
     *
     * @param batches          batches seen
     * @param examples         examples seen
     * @param meanLoss         loss per example (the loss is a sum over the batch)
     * @param accuracy         running training accuracy
     * @param spikesPerNeuron  per spiking layer (input to output): spikes per neuron per example over T steps
     * @param outputGradSum    summed spike-time gradient at the output, per example
     * @param seconds          wall time since the epoch started
     */
    public record EpochStats(long batches, long examples, double meanLoss, double accuracy, double[] spikesPerNeuron,
                             double outputGradSum, double seconds) {
    }

    private final long batchesPerEpoch;
    private final PrintStream progress;
    private final boolean interactive = System.console() != null;
    private long batches;
    private long examples;
    private double lossSum;
    private long correct;
    private double gradSum;
    private double[] spikeSums = new double[0];
    private long[] spikeNeurons = new long[0];
    private long startNanos = System.nanoTime();
    private int lastPrintedPercent = -1;
    private int epoch;

    /**
     * @param batchesPerEpoch batches in one epoch (for the bar)
     * @param progress        where the bar goes (null for none)
     */
    public TrainingMonitor(long batchesPerEpoch, PrintStream progress) {
        this.batchesPerEpoch = batchesPerEpoch;
        this.progress = progress;
    }

    @Override
    public void onEpochStart(Model model) {
        batches = 0;
        examples = 0;
        lossSum = 0;
        correct = 0;
        gradSum = 0;
        spikeSums = new double[0];
        spikeNeurons = new long[0];
        startNanos = System.nanoTime();
        lastPrintedPercent = -1;
        epoch = model instanceof MultiLayerNetwork n ? n.getEpochCount() : epoch;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        if (!(model instanceof MultiLayerNetwork net)) {
            return;
        }
        Layer[] layers = net.getLayers();
        int spiking = 0;
        for (int i = 0; i + 1 < activations.size() && i < layers.length; i++) {
            if (layers[i] instanceof org.spiketime4j.layers.SpikingWeightLayerImpl<?>) {
                INDArray a = activations.get(i + 1);
                add(spiking++, SpikeLayout.sumFromStep(a, 0), a.length() / a.size(2));
            }
        }
    }

    private void add(int layer, double spikes, long neurons) {
        if (layer >= spikeSums.length) {
            spikeSums = java.util.Arrays.copyOf(spikeSums, layer + 1);
            spikeNeurons = java.util.Arrays.copyOf(spikeNeurons, layer + 1);
        }
        spikeSums[layer] += spikes;
        spikeNeurons[layer] += neurons;
    }

    @Override
    public void iterationDone(Model model, int iteration, int epochNow) {
        if (!(model instanceof MultiLayerNetwork net) || !(net.getOutputLayer() instanceof SpikingOutputLayerImpl out)) {
            return;
        }
        SpikingOutputLayerImpl.TrainingStep step = out.lastTrainingStep();
        if (step == null) {
            return;
        }
        long mb = step.rawSpikes().size(0);
        batches++;
        examples += mb;
        lossSum += step.loss();
        gradSum += step.gradientSum();
        INDArray predicted = Readout.scores(step.rawSpikes()).argMax(1);
        correct += predicted.eq(step.labels().argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
        int hiddenLayers = countSpiking(net) - 1;
        add(hiddenLayers, step.rawSpikes().sumNumber().doubleValue(), step.rawSpikes().length() / step.rawSpikes().size(2));
        draw();
    }

    private static int countSpiking(MultiLayerNetwork net) {
        int n = 0;
        for (Layer l : net.getLayers()) {
            if (l instanceof org.spiketime4j.layers.SpikingWeightLayerImpl<?>) {
                n++;
            }
        }
        return n;
    }

    /** @return the statistics of the epoch so far */
    public EpochStats snapshot() {
        double[] perNeuron = new double[spikeSums.length];
        for (int i = 0; i < perNeuron.length; i++) {
            perNeuron[i] = spikeNeurons[i] == 0 ? 0 : spikeSums[i] / spikeNeurons[i];
        }
        long n = Math.max(1, examples);
        return new EpochStats(batches, examples, lossSum / n, (double) correct / n, perNeuron, gradSum / n,
                (System.nanoTime() - startNanos) / 1e9);
    }

    private void draw() {
        if (progress == null) {
            return;
        }
        int percent = (int) (100 * batches / Math.max(1, batchesPerEpoch));
        boolean last = batches == batchesPerEpoch;
        if (!interactive && percent / 10 == lastPrintedPercent / 10 && !last) {
            return;
        }
        lastPrintedPercent = percent;
        EpochStats s = snapshot();
        int width = 30;
        int filled = (int) Math.min(width, width * batches / Math.max(1, batchesPerEpoch));
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String line = String.format("epoch %d [%s] %d/%d  loss %.4f  acc %.4f  %.1f samples/s  %.3f s/batch",
                epoch + 1, bar, batches, batchesPerEpoch, s.meanLoss(), s.accuracy(), s.examples() / s.seconds(),
                s.seconds() / Math.max(1, s.batches()));
        progress.print(interactive ? "\r" + line + (last ? "\n" : "") : line + "\n");
        progress.flush();
    }
}
