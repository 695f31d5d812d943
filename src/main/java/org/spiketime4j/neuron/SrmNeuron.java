package org.spiketime4j.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The discrete-time SRM neuron of the paper, the one place of its formulas: the number of time steps and the
 * three time constants, all in steps, with its recurrence, its dt/du approximations and its kernels.
 *
 * <p>Per neuron, with the traces zero at the start and {@code theta_x = 1/tau_x}:
 * <pre>
 *   m[t]  = (1 - theta_m)(m[t-1] + I[t])
 *   q[t]  = (1 - theta_s)(q[t-1] + I[t])
 *   g[t]  = (1 - theta_g)(g[t-1] + I[t])            (the input-path trace, for the backward pass only)
 *   u[t]  = (m[t] - q[t]) theta_s / (theta_s - theta_m)
 *   on a spike (u[t] &gt;= threshold): m, q, g and u are set to 0 (full reset)
 * </pre>
 * ({@link SrmForward} runs the loop, spikes and du included.) At a spike, dt/du is approximated twice:
 * <pre>
 *   a_k = clamp(-1/du[t_k], -4, 0)             (weight path, {@link #weightPathFactor})
 *   b_k = clamp(-1/g[t_k], -123456789, 0)      (input path, {@link #inputPathFactor})
 * </pre>
 * Given m, q and g are linear in the current once the spikes are fixed, and the reset masks carry no
 * gradient, the derivative of u[t_k] with respect to I[t] is {@link #eps eps(t_k - t + 1)} and that of
 * g[t_k] is {@link #kappa kappa(t_k - t + 1)} for the steps since the previous spike, 0 before: the credits
 * ({@link #weightPathCredit}, {@link #inputPathCredit}) are their transposes, eps carried as two geometric
 * traces and kappa as one. The fused CPU loops ({@link FusedSrm}) compute the same in float, bit for bit.
 *
 * <p>Example: {@code DocExamplesTest#srmNeuron}.
 *
 * @param timeSteps     number of simulated time steps T, at least 1
 * @param tauMemSteps   membrane time constant tau_m in steps, finite, at least 1 (so that the decay 1 - 1/tau_m
 *                      lies in [0, 1)) and different from tau_s
 * @param tauSynSteps   synaptic time constant tau_s in steps, finite, at least 1
 * @param tauGradSteps  time constant tau_grad of the backward (input-path) kernel, finite, at least 1
 */
public record SrmNeuron(@JsonProperty("timeSteps") int timeSteps,
                        @JsonProperty("tauMemSteps") double tauMemSteps,
                        @JsonProperty("tauSynSteps") double tauSynSteps,
                        @JsonProperty("tauGradSteps") double tauGradSteps) implements NeuronModel {

    /** Bound of the input-path approximation b_k: practically only the sign clip. */
    public static final double INPUT_PATH_BOUND = 123456789.0;

    /** Bound of the weight-path approximation a_k. */
    public static final double WEIGHT_PATH_BOUND = 4.0;

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

    /** The membrane trace: m and q on the scaled current, {@code u = m - q}. */
    @Override
    public <T> Trace<T> membrane(TensorAlgebra<T> a, T current, boolean isStatic) {
        return new Membrane<>(a, a.mul(current, kernelScale()), isStatic, memDecay(), synDecay());
    }

    /** The input-path trace {@code g[t] = (1 - theta_g)(g[t-1] + I[t])}, reset to 0 on a spike. */
    @Override
    public <T> Trace<T> inputPathTrace(TensorAlgebra<T> a, T gradCurrent, boolean isStatic) {
        return new Geometric<>(a, gradCurrent, isStatic, gradDecay());
    }

    /**
     * {@code a = clamp(-1/du, -4, 0)} elementwise (du &lt; 0 gives 0; 0 &lt;= du &lt;= 0.25 gives -4, since IEEE
     * -1/+0 is -infinity).
     */
    @Override
    public <T> T weightPathFactor(TensorAlgebra<T> a, T deltaU) {
        return a.clampi(a.rdiv(-1.0, deltaU), -WEIGHT_PATH_BOUND, 0.0);
    }

    /** {@code b = clamp(-1/g, -123456789, 0)} elementwise (practically only the sign clip; g = +0 gives the bound). */
    @Override
    public <T> T inputPathFactor(TensorAlgebra<T> a, T gradTrace) {
        return a.clampi(a.rdiv(-1.0, gradTrace), -INPUT_PATH_BOUND, 0.0);
    }

    /** {@code Gw[t] = coef[t_k] eps(t_k - t + 1)}: two geometric credits, {@code (mem - syn) theta_s/(theta_s - theta_m)}. */
    @Override
    public INDArray weightPathCredit(INDArray coef, INDArray silent) {
        INDArray memTrace = SpikeTimeBackward.creditBackward(coef, silent, memDecay());
        INDArray synTrace = SpikeTimeBackward.creditBackward(coef, silent, synDecay());
        return memTrace.subi(synTrace).muli(kernelScale());
    }

    /** {@code Gin[t] = coef[t_k] (-kappa(t_k - t + 1))}: one geometric credit, negated. */
    @Override
    public INDArray inputPathCredit(INDArray coef, INDArray silent) {
        return SpikeTimeBackward.creditBackward(coef, silent, gradDecay()).negi();
    }

    /** {@code x[t] = decay (x[t-1] + I[t])}, multiplied by the silent mask on a reset. */
    private static final class Geometric<T> implements Trace<T> {
        private final TensorAlgebra<T> a;
        private final T current;
        private final boolean isStatic;
        private final double decay;
        private T x;

        Geometric(TensorAlgebra<T> a, T current, boolean isStatic, double decay) {
            this.a = a;
            this.current = current;
            this.isStatic = isStatic;
            this.decay = decay;
        }

        @Override
        public T advance(int t) {
            T in = isStatic ? current : a.row(current, t);
            x = t == 0 ? a.mul(in, decay) : a.muli(a.addi(x, in), decay);
            return x;
        }

        @Override
        public T reset(T silent) {
            x = a.muli(x, silent);
            return x;
        }
    }

    /** m and q as two {@link Geometric} traces of the scaled current; u and u after the reset in own buffers. */
    private static final class Membrane<T> implements Trace<T> {
        private final TensorAlgebra<T> a;
        private final Geometric<T> m;
        private final Geometric<T> q;
        private T u;
        private T uAfterReset;

        Membrane(TensorAlgebra<T> a, T scaled, boolean isStatic, double memDecay, double synDecay) {
            this.a = a;
            this.m = new Geometric<>(a, scaled, isStatic, memDecay);
            this.q = new Geometric<>(a, scaled, isStatic, synDecay);
        }

        @Override
        public T advance(int t) {
            u = a.sub(m.advance(t), q.advance(t), u);
            return u;
        }

        @Override
        public T reset(T silent) {
            m.reset(silent);
            q.reset(silent);
            uAfterReset = a.mul(u, silent, uAfterReset);
            return uAfterReset;
        }
    }
}
