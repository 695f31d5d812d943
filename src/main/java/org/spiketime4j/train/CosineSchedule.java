package org.spiketime4j.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine annealing to zero without warm-up: {@code value(i) = initial (1 + cos(pi i / total)) / 2},
 * with i the epoch (or iteration) counted from 0; from {@code total} on the value is 0.
 *
 * <p>Example: {@code DocExamplesTest#paperOptimiser}.
 */
public final class CosineSchedule implements ISchedule {

    private final ScheduleType scheduleType;
    private final double initialValue;
    private final int total;

    /**
     * @param scheduleType whether i counts epochs or iterations
     * @param initialValue the value at i = 0
     * @param total        the number of epochs (or iterations) of the whole schedule, &gt;= 1
     */
    public CosineSchedule(@JsonProperty("scheduleType") ScheduleType scheduleType,
                          @JsonProperty("initialValue") double initialValue, @JsonProperty("total") int total) {
        if (scheduleType == null) {
            throw new IllegalArgumentException("scheduleType must be EPOCH or ITERATION, got null");
        }
        if (!Double.isFinite(initialValue)) {
            throw new IllegalArgumentException("initialValue must be a finite number, got " + initialValue);
        }
        if (total < 1) {
            throw new IllegalArgumentException("total must be >= 1, got " + total);
        }
        this.scheduleType = scheduleType;
        this.initialValue = initialValue;
        this.total = total;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        int i = scheduleType == ScheduleType.ITERATION ? iteration : epoch;
        if (i >= total) {
            return 0.0;
        }
        return initialValue * (1 + Math.cos(Math.PI * i / total)) / 2;
    }

    @Override
    public ISchedule clone() {
        return new CosineSchedule(scheduleType, initialValue, total);
    }

    /** @return whether i counts epochs or iterations */
    public ScheduleType getScheduleType() {
        return scheduleType;
    }

    /** @return the value at i = 0 */
    public double getInitialValue() {
        return initialValue;
    }

    /** @return the length of the schedule */
    public int getTotal() {
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineSchedule c && c.scheduleType == scheduleType && c.initialValue == initialValue
                && c.total == total;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(scheduleType, initialValue, total);
    }

    @Override
    public String toString() {
        return "CosineSchedule(" + scheduleType + ", " + initialValue + ", total=" + total + ")";
    }
}
