package org.spiketime4j.layers;

import java.util.Arrays;
import org.deeplearning4j.eval.Evaluation;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.spiketime4j.loss.RateToTime;
import org.spiketime4j.neuron.NativeThreads;
import org.spiketime4j.neuron.Readout;
import org.spiketime4j.neuron.SrmTrace;
import org.spiketime4j.neuron.SupervisorySpike;

/**
 * Implementation of {@link SpikingOutputLayer}: readout scores as activations, the forced
 * supervisory spike and the time-based loss in training.
 */
public class SpikingOutputLayerImpl extends SpikingDenseImpl implements IOutputLayer {

    private INDArray labels;
    private double lastLoss = Double.NaN;
    private INDArray lastLossInput;
    private INDArray lastLossLabels;
    private TrainingStep lastStep;

    /**
     * What the last training step saw at the output, detached from workspaces.
     *
     * @param rawSpikes        output spikes before the supervisory spike {@code [mb, nOut, T]} (accuracy is
     *                         computed from these)
     * @param supervisedSpikes output spikes with the supervisory spike {@code [mb, nOut, T]}
     * @param labels           the labels {@code [mb, nOut]}
     * @param loss             the loss value (sum over the batch)
     * @param gradientSum      the summed spike-time gradient over the output spikes (the paper's diagnostic)
     */
    public record TrainingStep(INDArray rawSpikes, INDArray supervisedSpikes, INDArray labels, double loss,
                               double gradientSum) {
    }

    /**
     * @param conf     the layer's configuration
     * @param dataType the network's data type
     */
    public SpikingOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    private ILossFunction loss() {
        return ((SpikingOutputLayer) layerConf()).getLossFn();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        return NativeThreads.forSize(multiplyAdds(), () -> {
            try (MemoryWorkspace ws = workspaceMgr.notifyScopeBorrowed(ArrayType.ACTIVATIONS)) {
                ForwardState f = forward(false);
                return Readout.scores(outputSpikes(f, f.trace().spikes()));
            }
        });
    }

    /**
     * The raw output spikes (no supervisory spike) for an input, without changing the layer's state.
     *
     * @param layerInput the layer's input
     * @return spikes {@code [mb, nOut, T]}
     */
    public INDArray outputSpikes(INDArray layerInput) {
        INDArray saved = input;
        try {
            input = layerInput;
            ForwardState f = forward(false);
            return outputSpikes(f, f.trace().spikes());
        } finally {
            input = saved;
        }
    }

    /**
     * Training forward pass with the supervisory spike on the label neurons.
     *
     * @return the forward state and the supervised spike trace
     */
    private Pair<ForwardState, SrmTrace> supervisedForward() {
        if (labels == null) {
            throw new IllegalStateException(layerConf().describe(index) + ": labels are not set");
        }
        ForwardState f = trainingForward();
        INDArray lab = checkLabels(f.batch());
        SrmTrace raw = f.trace();
        INDArray forced = SupervisorySpike.apply(raw.spikes(), raw.deltaU(), lab);
        return new Pair<>(f, new SrmTrace(forced, raw.deltaU(), raw.gradTrace()));
    }

    private INDArray checkLabels(long batch) {
        long[] expected = {batch, layerConf().getNOut()};
        if (!Arrays.equals(labels.shape(), expected)) {
            throw new IllegalArgumentException(layerConf().describe(index) + ": labels must be one-hot "
                    + Arrays.toString(expected) + ", got " + Arrays.toString(labels.shape()));
        }
        return labels.castTo(dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        return NativeThreads.forSize(multiplyAdds(), () -> supervisedBackward(workspaceMgr));
    }

    /** {@link #backpropGradient}: the supervised forward pass, the loss and its gradient, the backward pass. */
    private Pair<Gradient, INDArray> supervisedBackward(LayerWorkspaceMgr workspaceMgr) {
        Pair<ForwardState, SrmTrace> sf = supervisedForward();
        INDArray spikes = outputSpikes(sf.getFirst(), sf.getSecond().spikes());
        INDArray lab = labels.castTo(dataType);
        Pair<Double, INDArray> scoreAndGrad = loss().computeGradientAndScore(lab, spikes, new ActivationIdentity(),
                null, false);
        rememberLoss(scoreAndGrad.getFirst());
        INDArray raw = outputSpikes(sf.getFirst(), sf.getFirst().trace().spikes());
        lastStep = new TrainingStep(raw.detach(), spikes.detach(), lab.detach(), scoreAndGrad.getFirst(),
                scoreAndGrad.getSecond().mul(spikes).sumNumber().doubleValue());
        return backward(sf.getFirst(), sf.getSecond(),
                timeMajorK(sf.getFirst(), RateToTime.toSpikeGradient(scoreAndGrad.getSecond())), workspaceMgr);
    }

    /** @return what the last training step (backpropGradient) saw at the output, or null before one */
    public TrainingStep lastTrainingStep() {
        return lastStep;
    }

    /**
     * Replaces what {@link #lastTrainingStep()} reports, for a trainer that computes one step in parts (the halves
     * of a batch, {@code org.spiketime4j.train.SplitBatchNetwork}) and combines them.
     *
     * @param step the whole step's record, not null
     */
    public void setLastTrainingStep(TrainingStep step) {
        lastStep = java.util.Objects.requireNonNull(step, "step");
    }

    /**
     * Backward pass from an explicit spike-time gradient at the (supervised) output spikes, for
     * checks and custom losses.
     *
     * @param gradSpikes   dL/dt, {@code [mb, nOut, T]}
     * @param workspaceMgr the workspace manager
     * @return the parameter gradients and the gradient for the layer below: dL/ds of input spikes (= -dL/dt,
     *         as between all layers), or dL/dx of a static input
     */
    public Pair<Gradient, INDArray> backpropSpikeTime(INDArray gradSpikes, LayerWorkspaceMgr workspaceMgr) {
        Pair<ForwardState, SrmTrace> sf = supervisedForward();
        return backward(sf.getFirst(), sf.getSecond(), timeMajorK(sf.getFirst(),
                RateToTime.toSpikeGradient(gradSpikes)), workspaceMgr);
    }

    /**
     * @return the output spikes {@code [mb, nOut, T]} of the current input with the supervisory spikes
     */
    public INDArray supervisedSpikes() {
        Pair<ForwardState, SrmTrace> sf = supervisedForward();
        return outputSpikes(sf.getFirst(), sf.getSecond().spikes());
    }

    private void rememberLoss(double value) {
        lastLoss = value;
        lastLossInput = input;
        lastLossLabels = labels;
    }

    @Override
    public double computeScore(double fullNetRegScore, boolean training, LayerWorkspaceMgr workspaceMgr) {
        double loss;
        if (training && lastLossInput == input && lastLossLabels == labels) {
            loss = lastLoss;
        } else {
            INDArray spikes = training ? supervisedSpikes() : outputSpikes(input);
            loss = loss().computeScore(checkLabels(input.size(0)), spikes, new ActivationIdentity(), null, false);
        }
        if (conf.isMiniBatch()) {
            loss /= input.size(0);
        }
        score = loss + fullNetRegScore;
        return score;
    }

    @Override
    public INDArray computeScoreForExamples(double fullNetRegScore, LayerWorkspaceMgr workspaceMgr) {
        INDArray spikes = outputSpikes(input);
        INDArray perExample = loss().computeScoreArray(checkLabels(input.size(0)), spikes, new ActivationIdentity(), null);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, perExample.addi(fullNetRegScore));
    }

    @Override
    public double score() {
        return score;
    }

    @Override
    public boolean needsLabels() {
        return true;
    }

    @Override
    public void setLabels(INDArray labels) {
        this.labels = labels;
    }

    @Override
    public INDArray getLabels() {
        return labels;
    }

    @Override
    public double f1Score(DataSet data) {
        return f1Score(data.getFeatures(), data.getLabels());
    }

    @Override
    public double f1Score(INDArray examples, INDArray labels) {
        Evaluation eval = new Evaluation();
        eval.eval(labels, Readout.scores(outputSpikes(examples)));
        return eval.f1();
    }

    @Override
    public int numLabels() {
        return (int) layerConf().getNOut();
    }

    @Override
    public void fit(DataSetIterator iter) {
        throw new UnsupportedOperationException("train the network (MultiLayerNetwork.fit), not the output layer alone");
    }

    @Override
    public int[] predict(INDArray examples) {
        INDArray argMax = Readout.scores(outputSpikes(examples)).argMax(1);
        return argMax.toIntVector();
    }

    @Override
    public java.util.List<String> predict(DataSet dataSet) {
        return Arrays.stream(predict(dataSet.getFeatures())).mapToObj(Integer::toString).toList();
    }

    @Override
    public void fit(INDArray examples, INDArray labels) {
        throw new UnsupportedOperationException("train the network (MultiLayerNetwork.fit), not the output layer alone");
    }

    @Override
    public void fit(DataSet data) {
        throw new UnsupportedOperationException("train the network (MultiLayerNetwork.fit), not the output layer alone");
    }

    @Override
    public void fit(INDArray examples, int[] labels) {
        throw new UnsupportedOperationException("train the network (MultiLayerNetwork.fit), not the output layer alone");
    }

    @Override
    public void clear() {
        super.clear();
        labels = null;
        lastLossInput = null;
        lastLossLabels = null;
    }
}
