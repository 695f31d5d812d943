package org.spiketime4j.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.FwdPassType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.spiketime4j.layers.SpikingOutputLayerImpl;
import org.spiketime4j.layers.SpikingWeightLayerImpl;
import org.spiketime4j.neuron.BatchParts;

/**
 * A {@link MultiLayerNetwork} whose training step computes the gradient of the two halves of each batch at the same
 * time, on two threads, each running its native (ND4J, OpenMP) and Java loops on one core; the halves' gradients
 * and losses are then combined into those of the whole batch and DL4J's optimiser goes on as usual (gradient
 * listeners, updater, constraints). Every example's gradient is computed by the same code as in a plain network, so
 * the result differs from {@code MultiLayerNetwork}'s only in the order of the sums over the batch (float rounding;
 * {@code SplitBatchNetworkTest}). Inference ({@code output}, {@code evaluate}) splits the same way: each half's
 * output is the one {@code MultiLayerNetwork} gives for it.
 *
 * <p>Why: on a 2-core machine one MNIST training step uses the second core for only part of its time (two threads
 * make it about 1.4x faster than one); two halves side by side keep both busy, including through DL4J's and ND4J's
 * per-op overhead, which no single operation parallelises. {@code ./spiketime bench} measured the gradient of an
 * MNIST batch of 50 at 24.4-24.8 ms as one batch and 20.6-21.1 ms as two halves.
 *
 * <p>The split applies on the CPU backend with at least two cores and two ND4J master threads (system property
 * {@value #PROPERTY}), to batches of at
 * least {@value #MIN_SPLIT_BATCH} examples without masks, in networks whose output layer is a
 * {@link SpikingOutputLayerImpl} (its loss says whether the batch's loss sums or averages the examples). Otherwise the
 * step is {@code MultiLayerNetwork}'s own. Listeners see {@code onForwardPass} once per half (each with its half's
 * activations, so counts over a forward pass add up to the batch's), everything else once per step with the
 * combined gradient; the output layer's {@link SpikingOutputLayerImpl#lastTrainingStep()} covers the whole batch.
 * While a step runs, ND4J's master-thread count (a process-wide setting that also sizes this library's fused loops)
 * is 1; it is restored after the step, also after a failure. A second network (the replica, sharing this network's
 * parameter array) computes the second half; it is rebuilt when the parameter array changes. Saved and restored
 * models ({@code ModelSerializer}) are plain {@code MultiLayerNetwork}s with the same parameters.
 */
public class SplitBatchNetwork extends MultiLayerNetwork {

    /**
     * System property: {@code auto} (the default) splits as described above, {@code on} also with fewer than two
     * cores or ND4J master threads (the tests, which run on one), {@code off} never.
     */
    public static final String PROPERTY = "spiketime.splitBatch";

    /** Batches below this size are not split. */
    public static final int MIN_SPLIT_BATCH = 8;

    private static final ExecutorService HELPERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "spiketime4j-split-batch");
                t.setDaemon(true);
                return t;
            });

    private transient MultiLayerNetwork replica;
    private transient ActivationCopies replicaActivations;

    /** @param conf the network's configuration; call {@link #init()} as for any network */
    public SplitBatchNetwork(MultiLayerConfiguration conf) {
        super(conf);
    }

    /**
     * A split-batch copy of a network (a restored checkpoint, for instance): the same configuration, a copy of its
     * parameters and of its updater state, iteration and epoch counts; no listeners.
     *
     * @param net an initialised network
     * @return the copy
     */
    public static SplitBatchNetwork of(MultiLayerNetwork net) {
        SplitBatchNetwork copy = new SplitBatchNetwork(net.getLayerWiseConfigurations().clone());
        copy.init(net.params(), true);
        INDArray state = net.getUpdater().getStateViewArray();
        if (state != null) {
            copy.getUpdater().getStateViewArray().assign(state);
        }
        return copy;
    }

    /**
     * The gradient and score of the current input and labels: of the two halves side by side when the batch splits
     * (see the class description), else {@code MultiLayerNetwork}'s. DL4J's optimiser reaches it through
     * {@code computeGradientAndScore(LayerWorkspaceMgr)}, which calls this method.
     */
    @Override
    public void computeGradientAndScore() {
        INDArray features = getInput();
        INDArray labels = getLabels();
        if (!splits(features, labels)) {
            super.computeGradientAndScore();
            return;
        }
        boolean lossSums = GradientNormClip.gradientSumsOverBatch(this);
        long n = features.size(0);
        long n1 = n / 2;
        MultiLayerNetwork second = replica();
        replicaActivations.take();                      // nothing left from a step that failed
        replicaActivations.enabled = anyReadsActivations(getListeners());
        INDArray features2 = rows(features, n1, n);
        INDArray labels2 = rows(labels, n1, n);
        try {
            setInput(rows(features, 0, n1));
            setLabels(rows(labels, 0, n1));
            sideBySide(super::computeGradientAndScore, () -> {
                second.setInput(features2);
                second.setLabels(labels2);
                second.computeGradientAndScore();
            }, () -> combine(second, n1, n - n1, lossSums));
        } finally {
            setInput(features);
            setLabels(labels);
        }
        for (List<INDArray> activations : replicaActivations.take()) {
            for (TrainingListener l : getListeners()) {
                l.onForwardPass(this, activations);
            }
        }
    }

    /**
     * The network's output for a batch, in inference mode: of the two halves side by side when the batch splits (as
     * for a training step, but without labels), else {@code MultiLayerNetwork}'s. {@code output(...)} and
     * {@code evaluate(...)} reach it; the training-mode forward pass, masks and the output of inner layers are not
     * split. The first half runs as {@code MultiLayerNetwork}'s own, with the given output workspace; the whole
     * batch's output is then put in the workspace the caller has open (none: detached), as without the split.
     */
    @Override
    protected INDArray outputOfLayerDetached(boolean train, FwdPassType fwdPassType, int layerIndex, INDArray input,
                                             INDArray featureMask, INDArray labelsMask, MemoryWorkspace outputWorkspace) {
        if (train || fwdPassType != FwdPassType.STANDARD || layerIndex != getnLayers() - 1 || featureMask != null
                || labelsMask != null || !splits(input)) {
            return super.outputOfLayerDetached(train, fwdPassType, layerIndex, input, featureMask, labelsMask,
                    outputWorkspace);
        }
        long n = input.size(0);
        long n1 = n / 2;
        MultiLayerNetwork second = replica();
        INDArray input1 = rows(input, 0, n1);
        INDArray input2 = rows(input, n1, n);
        INDArray[] halves = new INDArray[3];
        try {
            sideBySide(() -> halves[0] = super.outputOfLayerDetached(false, fwdPassType, layerIndex, input1, null,
                    null, outputWorkspace), () -> halves[1] = second.output(input2, false),
                    () -> halves[2] = Nd4j.concat(0, halves[0], halves[1]));   // in the caller's workspace, if any
        } finally {
            setInput(input);
        }
        return halves[2];
    }

    /**
     * Runs {@code first} on this thread and {@code second} on a helper thread at the same time, each on one OpenMP
     * thread, then {@code afterBoth} on this thread, all with ND4J's master-thread count at 1 (restored at the end,
     * also after a failure): the few small ND4J ops that combine the halves take about half the time on one OpenMP
     * thread that they take on two. Gamma is folded into the thresholds first, so that the two forward passes only
     * read the shared parameters.
     */
    private void sideBySide(Runnable first, Runnable second, Runnable afterBoth) {
        for (org.deeplearning4j.nn.api.Layer layer : getLayers()) {
            if (layer instanceof SpikingWeightLayerImpl<?> spiking) {
                spiking.foldGamma();
            }
        }
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int team = ops.ompGetMaxThreads();
        int masterThreads = Nd4j.getEnvironment().maxMasterThreads();
        Nd4j.getEnvironment().setMaxMasterThreads(1);     // restored in the finally block right below
        ops.setOmpNumThreads(1);
        BatchParts.Exchange exchange = new BatchParts.Exchange();
        Future<?> other = null;
        try {
            other = HELPERS.submit(() -> computePart(exchange, 1, () -> {
                ops.setOmpNumThreads(1);
                second.run();
            }));
            RuntimeException failure = null;
            try {
                computePart(exchange, 0, first);
            } catch (RuntimeException e) {
                failure = e;
            }
            Future<?> pending = other;
            other = null;
            joinBoth(pending, failure);
            afterBoth.run();
        } finally {
            if (other != null) {                        // an Error on this thread: let the other part end first
                exchange.abort();
                joinQuietly(other);
            }
            ops.setOmpNumThreads(team);
            Nd4j.getEnvironment().setMaxMasterThreads(masterThreads);
        }
    }

    /** Whether this step splits: see the class description. */
    private boolean splits(INDArray features, INDArray labels) {
        return splits(features) && labels != null && getOutputLayer().getMaskArray() == null
                && features.size(0) == labels.size(0);
    }

    /** Whether a batch of these features splits, labels aside. */
    private boolean splits(INDArray features) {
        String mode = System.getProperty(PROPERTY, "auto");
        if (!mode.equals("auto") && !mode.equals("on") && !mode.equals("off")) {
            throw new IllegalArgumentException("system property " + PROPERTY + " must be auto, on or off, got " + mode);
        }
        boolean twoCores = Runtime.getRuntime().availableProcessors() >= 2 && Nd4j.getEnvironment().maxMasterThreads() >= 2;
        return (mode.equals("on") || mode.equals("auto") && twoCores)
                && features != null && getMask() == null && features.size(0) >= MIN_SPLIT_BATCH
                && Nd4j.getEnvironment().isCPU() && getOutputLayer() instanceof SpikingOutputLayerImpl;
    }

    /**
     * @return whether some listener overrides {@code onForwardPass(Model, List)}: only then are the second half's
     *         activations copied out of the replica's workspaces
     */
    private static boolean anyReadsActivations(Collection<TrainingListener> listeners) {
        for (TrainingListener l : listeners) {
            try {
                if (l.getClass().getMethod("onForwardPass", org.deeplearning4j.nn.api.Model.class, List.class)
                        .getDeclaringClass() != BaseTrainingListener.class) {
                    return true;
                }
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("TrainingListener without onForwardPass(Model, List)", e);
            }
        }
        return false;
    }

    /** The replica for the second half: the same configuration, views of this network's parameter array. */
    private MultiLayerNetwork replica() {
        if (replica == null || replica.params() != params()) {
            replica = new MultiLayerNetwork(getLayerWiseConfigurations().clone());
            replica.init(params(), false);
            replicaActivations = new ActivationCopies();
            replica.setListeners(replicaActivations);
        }
        return replica;
    }

    /**
     * Adds the replica's gradient and loss to this network's: sums for a loss that sums over the batch, else means
     * weighted by the halves' sizes. The score is then the whole batch's, as {@code computeScore} gives it.
     */
    private void combine(MultiLayerNetwork second, long n1, long n2, boolean lossSums) {
        SpikingOutputLayerImpl out = (SpikingOutputLayerImpl) getOutputLayer();
        SpikingOutputLayerImpl.TrainingStep first = out.lastTrainingStep();
        SpikingOutputLayerImpl.TrainingStep other = ((SpikingOutputLayerImpl) second.getOutputLayer()).lastTrainingStep();
        double w1 = lossSums ? 1 : (double) n1 / (n1 + n2);
        double w2 = lossSums ? 1 : (double) n2 / (n1 + n2);
        INDArray gradient = getGradientsViewArray();
        if (lossSums) {
            gradient.addi(second.getGradientsViewArray());
        } else {
            gradient.muli(w1).addi(second.getGradientsViewArray().mul(w2));
        }
        double loss = w1 * first.loss() + w2 * other.loss();
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {    // kept past the step
            out.setLastTrainingStep(new SpikingOutputLayerImpl.TrainingStep(
                    Nd4j.concat(0, first.rawSpikes(), other.rawSpikes()),
                    Nd4j.concat(0, first.supervisedSpikes(), other.supervisedSpikes()),
                    Nd4j.concat(0, first.labels(), other.labels()), loss, first.gradientSum() + other.gradientSum()));
        }
        double score = (out.conf().isMiniBatch() ? loss / (n1 + n2) : loss)     // as the layer's computeScore
                + calcRegularizationScore(true);
        setScore(score);
    }

    /**
     * A copy of some rows, outside every workspace: the other thread reads it while this thread's workspaces are
     * reused.
     */
    private static INDArray rows(INDArray a, long from, long to) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return a.get(NDArrayIndex.interval(from, to)).dup('c');
        }
    }

    /** One part of the batch; a failure aborts the exchange, so that the other part cannot wait for it forever. */
    private static void computePart(BatchParts.Exchange exchange, int part, Runnable work) {
        try {
            BatchParts.run(exchange, part, () -> {
                work.run();
                return null;
            });
        } catch (RuntimeException | Error e) {
            exchange.abort();
            throw e;
        }
    }

    /**
     * Waits for the second part and reports the first real failure: a part that failed only because its partner did
     * ({@link BatchParts.PartnerFailedException}) gives way to the partner's own exception.
     */
    private static void joinBoth(Future<?> second, RuntimeException firstFailure) {
        Throwable secondFailure = null;
        try {
            second.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            secondFailure = new IllegalStateException("interrupted while the second half of the batch was computed", e);
        } catch (ExecutionException e) {
            secondFailure = e.getCause();
        }
        Throwable report = firstFailure;
        Throwable other = secondFailure;
        if (report == null || report instanceof BatchParts.PartnerFailedException && other != null) {
            report = secondFailure;
            other = firstFailure;
        }
        if (report == null) {
            return;
        }
        if (other != null && other != report) {
            report.addSuppressed(other);
        }
        if (report instanceof RuntimeException r) {
            throw r;
        }
        if (report instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException("the second half of the batch failed", report);
    }

    private static void joinQuietly(Future<?> task) {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the first failure is the one being thrown
        }
    }

    /**
     * The replica's only listener: copies its forward activations out of its workspaces (only when this network has
     * listeners to pass them to), for this network's listeners to see on the calling thread.
     */
    private static final class ActivationCopies extends BaseTrainingListener {
        private volatile boolean enabled;
        private final List<List<INDArray>> copies = new ArrayList<>();

        @Override
        public void onForwardPass(org.deeplearning4j.nn.api.Model model, List<INDArray> activations) {
            if (!enabled) {
                return;
            }
            List<INDArray> copy = new ArrayList<>(activations.size());
            for (INDArray a : activations) {
                copy.add(a == null ? null : a.detach());
            }
            synchronized (copies) {
                copies.add(copy);
            }
        }

        Collection<List<INDArray>> take() {
            synchronized (copies) {
                List<List<INDArray>> out = new ArrayList<>(copies);
                copies.clear();
                return out;
            }
        }
    }
}
