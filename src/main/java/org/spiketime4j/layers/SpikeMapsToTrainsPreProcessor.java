package org.spiketime4j.layers;

import java.util.Arrays;
import java.util.Objects;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Flattens spike maps {@code [mb, C, T, H, W]} into spike trains {@code [mb, C*H*W, T]} (features in
 * C, H, W order) for a dense spiking layer, and reshapes the gradient back.
 */
public class SpikeMapsToTrainsPreProcessor implements InputPreProcessor {

    private final long channels;
    private final long timeSteps;
    private final long height;
    private final long width;

    /**
     * @param channels  C
     * @param timeSteps T
     * @param height    H
     * @param width     W
     */
    public SpikeMapsToTrainsPreProcessor(@JsonProperty("channels") long channels,
                                         @JsonProperty("timeSteps") long timeSteps,
                                         @JsonProperty("height") long height,
                                         @JsonProperty("width") long width) {
        this.channels = channels;
        this.timeSteps = timeSteps;
        this.height = height;
        this.width = width;
    }

    /** @return C */
    public long getChannels() {
        return channels;
    }

    /** @return T */
    public long getTimeSteps() {
        return timeSteps;
    }

    /** @return H */
    public long getHeight() {
        return height;
    }

    /** @return W */
    public long getWidth() {
        return width;
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        long[] expected = {input.size(0), channels, timeSteps, height, width};
        if (!Arrays.equals(input.shape(), expected)) {
            throw new IllegalArgumentException("SpikeMapsToTrainsPreProcessor: expected spike maps " + Arrays.toString(expected)
                    + " [mb, C, T, H, W], got " + Arrays.toString(input.shape()));
        }
        long mb = input.size(0);
        INDArray timeMajor = SpikeLayout.toTimeMajor(input).reshape('c', timeSteps, mb, channels * height * width);
        // leveraged time-major, then viewed batch-first: a copy (when the input lies outside the workspace) keeps
        // the time-major order, which the next spiking layer reads without copying it back
        return SpikeLayout.toBatchFirst(workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, timeMajor));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        LayerWiring.requireGradient(output, this::toString);
        long mb = output.size(0);
        INDArray timeMajor = SpikeLayout.toTimeMajor(output).reshape('c', timeSteps, mb, channels, height, width);
        return SpikeLayout.toBatchFirst(workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, timeMajor));   // as above
    }

    @Override
    public InputPreProcessor clone() {
        return new SpikeMapsToTrainsPreProcessor(channels, timeSteps, height, width);
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return SpikeInputType.spikeTrains(channels * height * width, timeSteps);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        if (maskArray != null) {
            throw new UnsupportedOperationException("masks are not supported by spiking layers");
        }
        return new Pair<>(null, currentMaskState);
    }

    /** @return e.g. {@code SpikeMapsToTrainsPreProcessor(channels=4, timeSteps=5, height=6, width=6)} */
    @Override
    public String toString() {
        return "SpikeMapsToTrainsPreProcessor(channels=" + channels + ", timeSteps=" + timeSteps + ", height=" + height
                + ", width=" + width + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeMapsToTrainsPreProcessor p && p.channels == channels && p.timeSteps == timeSteps
                && p.height == height && p.width == width;
    }

    @Override
    public int hashCode() {
        return Objects.hash(channels, timeSteps, height, width);
    }
}
