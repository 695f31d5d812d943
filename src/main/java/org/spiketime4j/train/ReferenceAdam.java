package org.spiketime4j.train;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;
import org.spiketime4j.neuron.HostRows;
import org.spiketime4j.neuron.KernelDispatch;

/**
 * Adam in the form of PyTorch's {@code Adam}/{@code AdamW}: epsilon is added after the bias
 * correction of both moments,
 * <pre>
 *   m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 *   update = lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 * </pre>
 * DL4J's stock {@code Adam} folds the corrections into the step size and adds epsilon to the raw
 * sqrt(v), which differs by about 1e-5 relative after a few steps. Decoupled weight decay (AdamW) is
 * DL4J's {@code WeightDecay} regularization with {@code applyLR = true}
 * (set on each layer's builder, {@code .weightDecay(wd, true)} / {@code .weightDecayBias(wd, true)}; a global
 * {@code weightDecay} on {@code NeuralNetConfiguration.Builder} is applied twice per layer in DL4J 1.0.0-M2.1): it adds
 * {@code lr wd p} to this update, i.e. {@code p *= 1 - lr wd} before the Adam step.
 *
 * <p>Example: {@code DocExamplesTest#paperOptimiser}.
 */
public final class ReferenceAdam implements IUpdater {

    private double learningRate;
    private ISchedule learningRateSchedule;
    private double beta1;
    private double beta2;
    private double epsilon;

    /**
     * @param learningRate the learning rate, &gt; 0
     */
    public ReferenceAdam(double learningRate) {
        this(learningRate, null, 0.9, 0.999, 1e-8);
    }

    /**
     * @param schedule the learning-rate schedule
     */
    public ReferenceAdam(ISchedule schedule) {
        this(Double.NaN, schedule, 0.9, 0.999, 1e-8);
    }

    /**
     * @param learningRate         the learning rate (ignored when a schedule is given)
     * @param learningRateSchedule the schedule, or null
     * @param beta1                first-moment decay, in [0, 1)
     * @param beta2                second-moment decay, in [0, 1)
     * @param epsilon              added to the corrected sqrt(v), &gt; 0
     */
    public ReferenceAdam(@JsonProperty("learningRate") double learningRate,
                         @JsonProperty("learningRateSchedule") ISchedule learningRateSchedule,
                         @JsonProperty("beta1") double beta1, @JsonProperty("beta2") double beta2,
                         @JsonProperty("epsilon") double epsilon) {
        if (learningRateSchedule == null) {
            requireLearningRate(learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a finite number > 0, got " + epsilon);
        }
        this.learningRate = learningRate;
        this.learningRateSchedule = learningRateSchedule;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public long stateSize(long numParams) {
        return 2 * numParams;
    }

    @Override
    public GradientUpdater<ReferenceAdam> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        u.setStateViewArray(flat, new long[]{flat.length() / 2}, flat.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<ReferenceAdam> instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(updaterState, initializeStateArrays);
        return u;
    }

    @Override
    public ReferenceAdam clone() {
        return new ReferenceAdam(learningRate, learningRateSchedule == null ? null : learningRateSchedule.clone(),
                beta1, beta2, epsilon);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule != null ? learningRateSchedule.valueAt(iteration, epoch) : learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule == null) {
            requireLearningRate(lr);
        }
        this.learningRate = lr;
        this.learningRateSchedule = lrSchedule;
    }

    /** @return the learning-rate schedule, or null for the constant learning rate */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    private static void requireLearningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + lr);
        }
    }

    /** @return first-moment decay */
    public double getBeta1() {
        return beta1;
    }

    /** @return second-moment decay */
    public double getBeta2() {
        return beta2;
    }

    /** @return epsilon */
    public double getEpsilon() {
        return epsilon;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReferenceAdam a && Double.compare(a.learningRate, learningRate) == 0
                && Objects.equals(a.learningRateSchedule, learningRateSchedule) && a.beta1 == beta1
                && a.beta2 == beta2 && a.epsilon == epsilon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, learningRateSchedule, beta1, beta2, epsilon);
    }

    @Override
    public String toString() {
        return "ReferenceAdam(lr=" + (learningRateSchedule != null ? learningRateSchedule : learningRate)
                + ", beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }

    /** The per-block state: moments M and V. */
    static final class Updater implements GradientUpdater<ReferenceAdam> {
        /** Values per chunk of the host loop: three chunks stay in the L1/L2 cache. */
        static final int HOST_CHUNK = 4096;
        private static final String M = "M";
        private static final String V = "V";
        private final ReferenceAdam config;
        private INDArray m;
        private INDArray v;

        Updater(ReferenceAdam config) {
            this.config = config;
        }

        @Override
        public ReferenceAdam getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            if (!stateMap.containsKey(M) || !stateMap.containsKey(V) || stateMap.size() != 2) {
                throw new IllegalStateException("state must hold exactly M and V, got " + stateMap.keySet());
            }
            m = stateMap.get(M);
            v = stateMap.get(V);
            if (initialize) {
                m.assign(0);
                v.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            Map<String, INDArray> s = new HashMap<>();
            s.put(M, m);
            s.put(V, v);
            return s;
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            INDArray flat = viewArray.reshape(viewArray.length());
            long half = flat.length() / 2;
            m = Shape.newShapeNoCopy(flat.get(NDArrayIndex.interval(0, half)), gradientShape, gradientOrder == 'f');
            v = Shape.newShapeNoCopy(flat.get(NDArrayIndex.interval(half, 2 * half)), gradientShape, gradientOrder == 'f');
            if (m == null || v == null) {
                throw new IllegalStateException("cannot view the updater state as " + java.util.Arrays.toString(gradientShape));
            }
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            int t = iteration + 1;
            double lr = config.getLearningRate(iteration, epoch);
            double c1 = 1 - Math.pow(config.beta1, t);
            double c2 = 1 - Math.pow(config.beta2, t);
            HostRows gh = KernelDispatch.hostRow(gradient);
            HostRows mh = KernelDispatch.hostRow(m);
            HostRows vh = KernelDispatch.hostRow(v);
            if (gh != null && mh != null && vh != null && m.length() == gradient.length()) {
                hostStep(gh, mh, vh, (int) gradient.length(), (float) lr, (float) c1, (float) c2);
                return;
            }
            INDArray g = gradient.reshape(m.shape()).dup();
            m.muli(config.beta1).addi(g.mul(1 - config.beta1));
            v.muli(config.beta2).addi(g.mul(g).muli(1 - config.beta2));
            INDArray denom = Transforms.sqrt(v.div(c2), false).addi(config.epsilon);
            gradient.assign(m.div(c1).divi(denom).muli(lr).reshape(gradient.shape()));
        }

        /**
         * The step above as one pass over host memory ({@link KernelDispatch#hostRow}: float arrays on the CPU
         * backend, values back to back in row-major order, as the op path pairs them): a dozen ND4J ops per
         * updater block cost about 2.4 ms per MNIST training step in call overhead, for 0.2 M parameters. Same
         * float operations in the same order (every scalar rounded to float first, as ND4J's scalar ops do), so the
         * same results bit for bit ({@code TrainPiecesTest#referenceAdamHostLoopEqualsTheOpPath}).
         */
        private void hostStep(HostRows g, HostRows mh, HostRows vh, int length, float lr, float c1, float c2) {
            float b1 = (float) config.beta1;
            float oneMinusB1 = (float) (1 - config.beta1);
            float b2 = (float) config.beta2;
            float oneMinusB2 = (float) (1 - config.beta2);
            float eps = (float) config.epsilon;
            float[] gc = new float[HOST_CHUNK];
            float[] mc = new float[HOST_CHUNK];
            float[] vc = new float[HOST_CHUNK];
            for (int from = 0; from < length; from += HOST_CHUNK) {
                int n = Math.min(HOST_CHUNK, length - from);
                g.read(0, from, n, gc);
                mh.read(0, from, n, mc);
                vh.read(0, from, n, vc);
                for (int i = 0; i < n; i++) {
                    mc[i] = mc[i] * b1 + gc[i] * oneMinusB1;
                    vc[i] = vc[i] * b2 + (gc[i] * gc[i]) * oneMinusB2;
                    float denom = (float) Math.sqrt(vc[i] / c2) + eps;
                    gc[i] = ((mc[i] / c1) / denom) * lr;
                }
                g.write(0, from, n, gc);
                mh.write(0, from, n, mc);
                vh.write(0, from, n, vc);
            }
        }
    }
}
