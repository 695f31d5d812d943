package org.spiketime4j.energy;

/**
 * Energy per arithmetic operation, in picojoules. A synaptic operation of a spiking network is one accumulate
 * (the weight of the synapse a spike arrives at is added to the target's current); a dense layer of a
 * conventional network does one multiply-accumulate per weight.
 *
 * <p>What the estimate leaves out, as the SNN papers that use it do: memory access (in the same source a 64-bit
 * read costs 10 pJ from an 8 KB cache and 1.3-2.6 nJ from DRAM, more than any arithmetic), the neurons' state
 * updates at every step, and control. Read it as a comparison of arithmetic, not as the energy of a chip.
 *
 * @param accumulatePj         energy of one accumulate (an addition)
 * @param multiplyAccumulatePj energy of one multiply-accumulate
 * @param source               where the numbers come from, for reports
 */
public record EnergyModel(double accumulatePj, double multiplyAccumulatePj, String source) {

    /**
     * 32-bit floating point in 45 nm CMOS at 0.9 V: ADD 0.9 pJ, MULT 3.7 pJ, so MAC 4.6 pJ. Source: M. Horowitz,
     * "Computing's energy problem (and what we can do about it)", IEEE ISSCC 2014, pp. 10-14
     * (doi:10.1109/ISSCC.2014.6757323), the figures most SNN papers use for synaptic-operation energy.
     */
    public static final EnergyModel HOROWITZ_45NM_FP32 = new EnergyModel(0.9, 0.9 + 3.7,
            "45 nm CMOS, 32-bit float: ADD 0.9 pJ, MULT 3.7 pJ, MAC 4.6 pJ (Horowitz, ISSCC 2014)");

    /**
     * @throws IllegalArgumentException if an energy is not positive and finite or the source is blank
     */
    public EnergyModel {
        if (!(accumulatePj > 0) || Double.isInfinite(accumulatePj)) {
            throw new IllegalArgumentException("accumulatePj must be > 0 and finite, got " + accumulatePj);
        }
        if (!(multiplyAccumulatePj > 0) || Double.isInfinite(multiplyAccumulatePj)) {
            throw new IllegalArgumentException("multiplyAccumulatePj must be > 0 and finite, got " + multiplyAccumulatePj);
        }
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must name where the energies come from");
        }
    }

    /**
     * @param accumulates         accumulates
     * @param multiplyAccumulates multiply-accumulates
     * @return their energy in picojoules
     */
    public double picojoules(double accumulates, double multiplyAccumulates) {
        return accumulates * accumulatePj + multiplyAccumulates * multiplyAccumulatePj;
    }
}
