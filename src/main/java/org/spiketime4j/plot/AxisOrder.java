package org.spiketime4j.plot;

/**
 * The axis order of a 2D array of per-neuron, per-step values (spikes or membrane potentials).
 *
 * <p>The conformance fixtures and {@code ALGORITHM.md} are time-first ({@link #TIME_FIRST}); one sample of a DL4J
 * spiking layer's output {@code [mb, neurons, T]} is neuron-first ({@link #NEURON_FIRST}).
 */
public enum AxisOrder {
    /** {@code [T, neurons]}: row t holds every neuron's value at step t. */
    TIME_FIRST,
    /** {@code [neurons, T]}: row n holds neuron n's values over all steps. */
    NEURON_FIRST;

    /**
     * Reorders a rectangular array in this layout to {@code [neurons][T]}.
     *
     * @param values a rectangular array in this layout, at least 1 x 1
     * @param what   the array's name, for error messages
     * @return a new array indexed {@code [neuron][step]}
     * @throws IllegalArgumentException if the array is empty or ragged
     */
    double[][] toNeuronFirst(double[][] values, String what) {
        double[][] checked = PlotArrays.requireRectangular(values, what);
        if (this == NEURON_FIRST) {
            return checked;
        }
        double[][] out = new double[checked[0].length][checked.length];
        for (int t = 0; t < checked.length; t++) {
            for (int n = 0; n < checked[t].length; n++) {
                out[n][t] = checked[t][n];
            }
        }
        return out;
    }
}
