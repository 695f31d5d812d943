package org.spiketime4j.layers;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution3D;

/**
 * The input types of spiking networks and the layout of their tensors.
 *
 * <p>Time is an explicit axis placed right after the channel (or feature) axis:
 * <ul>
 *   <li>spike maps and event frames: {@code [mb, C, T, H, W]}, described to DL4J as
 *       {@code InputType.convolutional3D(NCDHW, depth = T, H, W, C)};</li>
 *   <li>spike trains of dense layers: {@code [mb, F, T]}, DL4J's recurrent {@code NCW} layout,
 *       {@code InputType.recurrent(F, T)};</li>
 *   <li>static images {@code [mb, C, H, W]} ({@code InputType.convolutional}) and static vectors
 *       {@code [mb, F]} ({@code InputType.feedForward}) have no time axis: they are the input current at
 *       every one of the first layer's T steps (direct encoding), computed once.</li>
 * </ul>
 *
 * <p>Example: {@code DocExamplesTest#readmeExample}.
 */
public final class SpikeInputType {

    private SpikeInputType() {
    }

    /**
     * @param height   image height
     * @param width    image width
     * @param channels image channels
     * @return the type of a static image {@code [mb, C, H, W]}
     */
    public static InputType staticImage(long height, long width, long channels) {
        return InputType.convolutional(height, width, channels);
    }

    /**
     * @param height    frame height
     * @param width     frame width
     * @param channels  channels (2 polarities for event cameras)
     * @param timeSteps number of frames T
     * @return the type of event frames or spike maps {@code [mb, C, T, H, W]}
     */
    public static InputType eventFrames(long height, long width, long channels, long timeSteps) {
        requireSteps(timeSteps);
        return InputType.convolutional3D(Convolution3D.DataFormat.NCDHW, timeSteps, height, width, channels);
    }

    /**
     * @param features  neurons per sample
     * @param timeSteps number of steps T
     * @return the type of spike trains {@code [mb, F, T]}
     */
    public static InputType spikeTrains(long features, long timeSteps) {
        requireSteps(timeSteps);
        return InputType.recurrent(features, timeSteps, RNNFormat.NCW);
    }

    /**
     * @param type an input type
     * @return its number of time steps, or -1 for a static input (no time axis)
     * @throws IllegalArgumentException for a type that no spiking layer takes
     */
    public static long timeSteps(InputType type) {
        return switch (type.getType()) {
            case CNN3D -> requireNcdhw(type).getDepth();
            case RNN -> requireNcw(type).getTimeSeriesLength();
            case CNN, FF, CNNFlat -> -1;
        };
    }

    static InputType.InputTypeConvolutional3D requireNcdhw(InputType type) {
        InputType.InputTypeConvolutional3D c = (InputType.InputTypeConvolutional3D) type;
        if (c.getDataFormat() != Convolution3D.DataFormat.NCDHW) {
            throw new IllegalArgumentException("spike maps must be NCDHW ([mb, C, T, H, W]), got " + type);
        }
        return c;
    }

    static InputType.InputTypeRecurrent requireNcw(InputType type) {
        InputType.InputTypeRecurrent r = (InputType.InputTypeRecurrent) type;
        if (r.getFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("spike trains must be NCW ([mb, F, T]), got " + type);
        }
        return r;
    }

    private static void requireSteps(long timeSteps) {
        if (timeSteps < 1) {
            throw new IllegalArgumentException("timeSteps must be at least 1, got " + timeSteps);
        }
    }
}
