package org.spiketime4j.distributed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.data.IndexedDataSetIterator;
import org.spiketime4j.data.Split;
import org.spiketime4j.train.DataSources;
import org.spiketime4j.train.GradientNormClip;
import org.spiketime4j.train.Preset;
import org.spiketime4j.train.Presets;
import org.spiketime4j.train.SpikingNetworks;
import org.spiketime4j.train.ThresholdInitializer;
import org.spiketime4j.train.WeightClamp;

/**
 * The independent truth for the distributed engines: parameter averaging done by hand with plain
 * {@code MultiLayerNetwork.fit} on one replica per worker, then the mean of the replicas' parameters and updater
 * states given back to all of them. A weight clamp and a gradient-norm clip tight enough to bind at every step
 * make their absence visible.
 */
final class Simulation {

    /** Two epochs (the cosine schedule: lr at epoch 1 is half of epoch 0's), batches of 10. */
    static final Preset PRESET = Presets.MNIST.withEpochs(2).withBatchSize(10);
    /** Clip far below the unclipped gradient norms of this network (hundreds to thousands). */
    static final double CLIP = 5;
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
        MultiLayerConfiguration conf = SpikingNetworks.configuration(PRESET, 7, DataType.FLOAT);
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
        MultiLayerNetwork net = new MultiLayerNetwork(configuration());
        net.init();
        ThresholdInitializer.run(net, firstBatch.getFeatures(), ThresholdInitializer.Config.of(PRESET.avgSpikeInit()));
        return net;
    }

    /**
     * @param start the network to copy
     * @param clip  whether the replica gets the gradient-norm clip
     * @return an independent replica with the same parameters, updater state and counts
     */
    static MultiLayerNetwork replica(MultiLayerNetwork start, boolean clip) {
        MultiLayerNetwork r = start.clone();
        r.setListeners(new ArrayList<>());
        if (clip) {
            r.addListeners(new GradientNormClip(CLIP));
        }
        return r;
    }

    /**
     * Trains {@code epochs} epochs by hand-made parameter averaging: in each round worker w fits batch
     * {@code round * workers + w}, then parameters and updater states are averaged.
     *
     * @param start   the starting network (not changed)
     * @param batches the batches of one epoch
     * @param workers the number of workers
     * @param epochs  the number of epochs
     * @param clip    whether the replicas clip the gradient norm
     * @return the averaged network
     */
    static MultiLayerNetwork averaged(MultiLayerNetwork start, List<DataSet> batches, int workers, int epochs,
                                      boolean clip) {
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
