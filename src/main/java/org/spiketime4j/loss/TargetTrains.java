package org.spiketime4j.loss;

/**
 * Target spike trains of the kernel and timing losses (ALGORITHM.md section 3): the label neuron's target is
 * 0,1,0,1,... for T &gt;= 20 (with a leading 0 when T is odd, so it always ends on a 1) and 0,1,1,...,1 for
 * T &lt; 20; the other neurons' target is silence.
 */
final class TargetTrains {

    private TargetTrains() {
    }

    /**
     * @param steps T
     * @return the label neuron's target train, length T, values 0/1
     */
    static double[] labelTrain(int steps) {
        double[] train = new double[steps];
        for (int t = 1; t < steps; t++) {
            train[t] = steps < 20 || (steps - 1 - t) % 2 == 0 ? 1 : 0;
        }
        return train;
    }

    /**
     * @param batch the batch whose shape and labels the targets follow
     * @return target spikes {@code [mb, classes, T]}: the label train on the label neuron, zero elsewhere
     */
}
