package org.spiketime4j.neuron;

/**
 * Constants of the discrete-time SRM neuron: the number of time steps and the three time
 * constants, all in steps.
 *
 * <p>With {@code theta_x = 1 / tau_x} the neuron keeps the traces
 * {@code m[t] = (1 - theta_m)(m[t-1] + I[t])}, {@code q[t] = (1 - theta_s)(q[t-1] + I[t])} and
 * {@code g[t] = (1 - theta_g)(g[t-1] + I[t])}; see {@link SrmForward} for the recurrence.
 *
 * <p>Example: {@code DocExamplesTest#srmNeuron}.
 *
 * @param timeSteps     number of simulated time steps T, at least 1
 * @param tauMemSteps   membrane time constant tau_m in steps, finite, at least 1 (so that the decay 1 - 1/tau_m
 *                      lies in [0, 1)) and different from tau_s
 * @param tauSynSteps   synaptic time constant tau_s in steps, finite, at least 1
 * @param tauGradSteps  time constant tau_grad of the backward (input-path) kernel, finite, at least 1
 */
public record SrmNeuron(int timeSteps, double tauMemSteps, double tauSynSteps, double tauGradSteps) {

    /** The paper's MNIST and Fashion-MNIST neuron: T = 5, tau_m = 5, tau_s = 3, tau_grad = 2.5. */
    public static final SrmNeuron MNIST = new SrmNeuron(5, 5.0, 3.0, 2.5);

    /** The paper's N-MNIST neuron: T = 30, tau_m = 8, tau_s = 4, tau_grad = 3. */
    public static final SrmNeuron NMNIST = new SrmNeuron(30, 8.0, 4.0, 3.0);

    /** Validates every constant; see the record components for the allowed ranges. */
    public SrmNeuron {
        if (timeSteps < 1) {
            throw new IllegalArgumentException("timeSteps must be at least 1, got " + timeSteps);
        }
        requireAtLeastOneStep("tauMemSteps", tauMemSteps);
        requireAtLeastOneStep("tauSynSteps", tauSynSteps);
        requireAtLeastOneStep("tauGradSteps", tauGradSteps);
        if (tauMemSteps == tauSynSteps) {
            throw new IllegalArgumentException("tauMemSteps must differ from tauSynSteps (both are "
                    + tauMemSteps + "): the SRM kernel divides by theta_s - theta_m");
        }
    }

    /** A time constant below one step would make the decay {@code 1 - 1/tau} negative: the trace would oscillate. */
    private static void requireAtLeastOneStep(String field, double value) {
        if (!(value >= 1) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= 1 (steps; the per-step decay 1 - 1/"
                    + field + " must lie in [0, 1)), got " + value);
        }
    }

    /** @return a copy with another number of time steps */
    public SrmNeuron withTimeSteps(int steps) {
        return new SrmNeuron(steps, tauMemSteps, tauSynSteps, tauGradSteps);
    }

    /** @return the per-step decay factor of the membrane trace, {@code 1 - 1/tau_m} */
    public double memDecay() {
        return 1.0 - 1.0 / tauMemSteps;
    }

    /** @return the per-step decay factor of the synaptic trace, {@code 1 - 1/tau_s} */
    public double synDecay() {
        return 1.0 - 1.0 / tauSynSteps;
    }

    /** @return the per-step decay factor of the gradient trace, {@code 1 - 1/tau_grad} */
    public double gradDecay() {
        return 1.0 - 1.0 / tauGradSteps;
    }

    /** @return the factor {@code theta_s / (theta_s - theta_m)} that turns {@code m - q} into u */
    public double kernelScale() {
        double thetaM = 1.0 / tauMemSteps;
        double thetaS = 1.0 / tauSynSteps;
        return thetaS / (thetaS - thetaM);
    }

    /**
     * The forward PSP kernel, {@code eps(k) = theta_s/(theta_s - theta_m) [(1-theta_m)^k - (1-theta_s)^k]}.
     *
     * @param k steps since the input, at least 0
     * @return the kernel value
     */
    public double eps(int k) {
        return kernelScale() * (Math.pow(memDecay(), k) - Math.pow(synDecay(), k));
    }

    /**
     * The backward input-path kernel, {@code kappa(k) = (1 - theta_g)^k}.
     *
     * @param k steps since the input, at least 0
     * @return the kernel value
     */
    public double kappa(int k) {
        return Math.pow(gradDecay(), k);
    }
}
