package org.spiketime4j.distributed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.data.IndexedDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.loss.LossKind;
import org.spiketime4j.train.DataSources;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.ReferenceAdam;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.ThresholdInitializer;
import org.spiketime4j.train.WeightClamp;

/**
 * The independent truth for the distributed engines: parameter averaging done by hand with plain
 * {@code MultiLayerNetwork.fit} on one replica per worker, then the mean of the replicas' parameters and updater
 * states given back to all of them; and one process on the combined batch. A weight clamp and a gradient-norm clip
 * tight enough to bind at every step make their absence visible.
 */
final class Simulation {

    /** Two epochs (the cosine schedule: lr at epoch 1 is half of epoch 0's), batches of 10. */
    static final Preset PRESET = Presets.MNIST.withEpochs(2).withBatchSize(10);
    /** Clip far below the unclipped gradient norms of this network (hundreds to thousands). */
    static final double CLIP = 5;
    /**
     * The clip threshold of each of two workers whose combined batch is clipped at {@link #CLIP}: the loss sums over
     * the batch, so the combined gradient is the sum of the two workers' and their average is half of it
     * ({@code EngineRuns.identicalBatchesStepAsOneProcess} checks this against one process on the combined batch).
     */
    static final double WORKER_CLIP = CLIP / 2;
    /** The worker clip threshold of {@link #averaged} that means: no clip. */
    static final double NO_CLIP = 0;
    /** A clamp below the largest initial |W| of every layer, so it binds from the first step. */
    static final double CLAMP = 0.12;

    private Simulation() {
    }

    /**
     * @param limit examples
     * @return the first training batches of MNIST, in order
     * @throws IOException if the shipped MNIST files cannot be read
     */
    static List<DataSet> batches(int limit) throws IOException {
        IndexedDataSetIterator it = DataSources.iterator(PRESET, Path.of("datasets", "mnist"), Split.TRAIN,
                PRESET.batchSize(), limit, 3);
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }

    /** @return the preset's configuration with the tight clamp */
    static MultiLayerConfiguration configuration() {
        return configuration(PRESET, DataType.FLOAT);
    }

    private static MultiLayerConfiguration configuration(Preset preset, DataType dataType) {
        MultiLayerConfiguration conf = SpikingNetworks.configuration(preset, 7, dataType);
        for (NeuralNetConfiguration c : conf.getConfs()) {
            List<LayerConstraint> constraints = c.getLayer().getConstraints();
            if (constraints != null) {
                List<LayerConstraint> tight = new ArrayList<>();
                for (LayerConstraint lc : constraints) {
                    WeightClamp clamp = new WeightClamp(CLAMP);
                    clamp.setParams(lc.getParams());
                    tight.add(lc instanceof WeightClamp ? clamp : lc);
                }
                c.getLayer().setConstraints(tight);
            }
        }
        return conf;
    }

    /**
     * @param firstBatch the batch of threshold initialisation
     * @return a network with thresholds initialised on the batch (as the driver does once), without listeners
     */
    static MultiLayerNetwork initialised(DataSet firstBatch) {
        return initialised(configuration(), firstBatch);
    }

    /**
     * A network on which Adam is invariant to a constant gradient scale up to rounding: double precision, and Adam's
     * epsilon (1e-8, which shows against the gradients of a few elements: 4.6e-5 relative after two steps) negligible.
     *
     * @param loss       the loss
     * @param firstBatch the batch of threshold initialisation, in double precision
     * @return {@link #initialised} with this loss and these two changes
     */
    static MultiLayerNetwork scaleInvariant(LossKind loss, DataSet firstBatch) {
        MultiLayerConfiguration conf = configuration(PRESET.withLoss(loss), DataType.DOUBLE);
        for (NeuralNetConfiguration c : conf.getConfs()) {
            if (c.getLayer() instanceof BaseLayer layer && layer.getIUpdater() instanceof ReferenceAdam adam) {
                layer.setIUpdater(new ReferenceAdam(Double.NaN, adam.getLearningRateSchedule(), adam.getBeta1(),
                        adam.getBeta2(), 1e-30));
            }
        }
        return initialised(conf, firstBatch);
    }

    private static MultiLayerNetwork initialised(MultiLayerConfiguration conf, DataSet firstBatch) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        ThresholdInitializer.run(net, firstBatch.getFeatures(), ThresholdInitializer.Config.of(PRESET.avgSpikeInit()));
        return net;
    }

    /**
     * @param batches batches
     * @return the batches in double precision
     */
    static List<DataSet> inDouble(List<DataSet> batches) {
        return batches.stream().map(b -> new DataSet(b.getFeatures().castTo(DataType.DOUBLE),
                b.getLabels().castTo(DataType.DOUBLE))).toList();
    }

    /**
     * @param start the network to copy
     * @param clip  whether the replica gets the gradient-norm clip {@link #CLIP}
     * @return an independent replica with the same parameters, updater state and counts
     */
    static MultiLayerNetwork replica(MultiLayerNetwork start, boolean clip) {
        return replica(start, clip ? CLIP : NO_CLIP);
    }

    /**
     * @param start the network to copy
     * @param clip  the replica's gradient-norm clip threshold, or {@link #NO_CLIP}
     * @return an independent replica with the same parameters, updater state and counts
     */
    static MultiLayerNetwork replica(MultiLayerNetwork start, double clip) {
        MultiLayerNetwork r = start.clone();
        r.setListeners(new ArrayList<>());
        if (clip != NO_CLIP) {
            r.addListeners(new GradientNormClip(clip));
        }
        return r;
    }

    /**
     * @param start a network
     * @param batch a batch
     * @return the global norm of the loss gradient of the batch at the network's parameters
     */
    static double gradientNorm(MultiLayerNetwork start, DataSet batch) {
        MultiLayerNetwork r = replica(start, Double.MAX_VALUE);
        r.fit(batch);
        return ((GradientNormClip) r.getListeners().iterator().next()).lastNorm();
    }

    /**
     * One process on the combined batches of workers that all get the same batch: step k fits batch k repeated
     * {@code workers} times, and the epoch count advances after every step (each step of the engines is one
     * {@code fitEpoch}).
     *
     * @param start   the starting network (not changed)
     * @param batches one batch per step
     * @param workers the number of workers
     * @param clip    the gradient-norm clip of the combined batch
     * @return the trained network
     */
    static MultiLayerNetwork oneProcessOnCombinedBatches(MultiLayerNetwork start, List<DataSet> batches, int workers,
                                                         double clip) {
        MultiLayerNetwork net = replica(start, clip);
        for (DataSet b : batches) {
            net.fit(DataSet.merge(Collections.nCopies(workers, b)));
            net.incrementEpochCount();
        }
        return net;
    }

    /**
     * Trains {@code epochs} epochs by hand-made parameter averaging: in each round worker w fits batch
     * {@code round * workers + w}, then parameters and updater states are averaged.
     *
     * @param start   the starting network (not changed)
     * @param batches the batches of one epoch
     * @param workers the number of workers
     * @param epochs  the number of epochs
     * @param clip    the replicas' gradient-norm clip threshold, or {@link #NO_CLIP}
     * @return the averaged network
     */
    static MultiLayerNetwork averaged(MultiLayerNetwork start, List<DataSet> batches, int workers, int epochs,
                                      double clip) {
        List<MultiLayerNetwork> replicas = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            replicas.add(replica(start, clip));
        }
        for (int e = 0; e < epochs; e++) {
            for (int round = 0; round * workers < batches.size(); round++) {
                for (int w = 0; w < workers; w++) {
                    replicas.get(w).fit(batches.get(round * workers + w));
                }
                INDArray params = mean(replicas.stream().map(MultiLayerNetwork::params).toList());
                INDArray state = mean(replicas.stream().map(r -> r.getUpdater().getStateViewArray()).toList());
                for (MultiLayerNetwork r : replicas) {
                    r.params().assign(params);
                    r.getUpdater().getStateViewArray().assign(state);
                }
            }
            for (MultiLayerNetwork r : replicas) {
                r.incrementEpochCount();
            }
        }
        return replicas.get(0);
    }

    private static INDArray mean(List<INDArray> arrays) {
        INDArray sum = Nd4j.zeros(arrays.get(0).dataType(), arrays.get(0).shape());
        for (INDArray a : arrays) {
            sum.addi(a);
        }
        return sum.divi(arrays.size());
    }

    /**
     * @param a an array
     * @param b an array of the same shape
     * @return max |a - b| / max(max |a|, 1e-30)
     */
    static double relativeDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue() / Math.max(a.amaxNumber().doubleValue(), 1e-30);
    }
}
