package org.spiketime4j.samediff;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A tensor flowing between the spiking ops of a SameDiff graph, with the per-sample shape that SameDiff
 * does not track for intermediate variables.
 *
 * <p>Layouts are those of the DL4J layers, batch first with time right after the channel axis:
 * spike trains {@code [mb, C, T]}, spike maps {@code [mb, C, T, H, W]}; a static input (the same
 * current at every step, e.g. a normalised image) has no time axis: {@code [mb, C]} or {@code [mb, C, H, W]}.
 *
 * @param value       the variable
 * @param sampleShape the per-sample shape without the time axis: {@code [C]} or {@code [C, H, W]}
 * @param timeSteps   T, the size of the time axis, or 0 for a static value without one
 */
public record SpikeVariable(SDVariable value, long[] sampleShape, int timeSteps) {

    /** Validates the shape: rank 1 or 3, every size &gt;= 1, timeSteps &gt;= 0. */
    public SpikeVariable {
        Objects.requireNonNull(value, "value");
        if (timeSteps < 0) {
            throw new IllegalArgumentException("timeSteps must be >= 0 (0: static), got " + timeSteps);
        }
        if (sampleShape == null || (sampleShape.length != 1 && sampleShape.length != 3)
                || Arrays.stream(sampleShape).anyMatch(s -> s < 1)) {
            throw new IllegalArgumentException("sampleShape must be [C] or [C, H, W] with sizes >= 1, got "
                    + Arrays.toString(sampleShape));
        }
        sampleShape = sampleShape.clone();
    }

    /**
     * A static input: the same current at every step.
     *
     * @param value       {@code [mb, C]} or {@code [mb, C, H, W]}
     * @param sampleShape {@code [C]} or {@code [C, H, W]}
     * @return the input
     */
    public static SpikeVariable staticInput(SDVariable value, long... sampleShape) {
        return new SpikeVariable(value, sampleShape, 0);
    }

    /**
     * An input with a time axis (spike trains, event frames).
     *
     * @param value       {@code [mb, C, T]} or {@code [mb, C, T, H, W]}
     * @param timeSteps   T &gt;= 1
     * @param sampleShape {@code [C]} or {@code [C, H, W]}
     * @return the input
     */
    public static SpikeVariable timed(SDVariable value, int timeSteps, long... sampleShape) {
        if (timeSteps < 1) {
            throw new IllegalArgumentException("timeSteps must be >= 1 for a value with a time axis, got " + timeSteps);
        }
        return new SpikeVariable(value, sampleShape, timeSteps);
    }

    /** @return whether the value has no time axis (the same current at every step) */
    public boolean isStatic() {
        return timeSteps == 0;
    }

    /** @return whether the samples are maps {@code [C, H, W]} (else vectors {@code [C]}) */
    public boolean isMaps() {
        return sampleShape.length == 3;
    }

    /** @return C, the number of channels or features */
    public long channels() {
        return sampleShape[0];
    }

    /** @return a copy of the per-sample shape without the time axis */
    @Override
    public long[] sampleShape() {
        return sampleShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpikeVariable v && v.value == value && Arrays.equals(v.sampleShape, sampleShape)
                && v.timeSteps == timeSteps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, Arrays.hashCode(sampleShape), timeSteps);
    }

    @Override
    public String toString() {
        return "SpikeVariable[" + value.name() + ", sample " + Arrays.toString(sampleShape)
                + (isStatic() ? ", static" : ", T=" + timeSteps) + "]";
    }
}
