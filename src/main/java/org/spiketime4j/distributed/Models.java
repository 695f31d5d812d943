package org.spiketime4j.distributed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;

/** What the engines need from a network that DL4J's {@link Model} interface does not offer. */
final class Models {

    private Models() {
    }

    /**
     * @param model a MultiLayerNetwork or ComputationGraph
     * @return a copy of its listener list
     */
    static List<TrainingListener> listeners(Model model) {
        Collection<TrainingListener> l = check(model) instanceof MultiLayerNetwork n ? n.getListeners()
                : ((ComputationGraph) model).getListeners();
        return l == null ? new ArrayList<>() : new ArrayList<>(l);
    }

    /**
     * Keeps the network's updater (with its state: Adam's moments) to give it back later. DL4J 1.0.0-M2.1's
     * ParallelWrapper trainers call {@code clear()} on the network when they stop, which drops the solver and
     * with it the updater: the next fit would start from zero moments.
     *
     * @param model a MultiLayerNetwork or ComputationGraph
     * @return the action that sets the kept updater back
     */
    static Runnable updaterKeeper(Model model) {
        if (check(model) instanceof MultiLayerNetwork n) {
            Updater u = n.getUpdater();
            return () -> n.setUpdater(u);
        }
        ComputationGraph g = (ComputationGraph) model;
        ComputationGraphUpdater u = g.getUpdater();
        return () -> g.setUpdater(u);
    }

    /**
     * Ends an epoch as {@code fit(iterator)} does: {@code onEpochEnd} for every listener, then the epoch count.
     *
     * @param model     a MultiLayerNetwork or ComputationGraph
     * @param listeners its listeners
     */
    static void endEpoch(Model model, List<TrainingListener> listeners) {
        for (TrainingListener l : listeners) {
            l.onEpochEnd(model);
        }
        if (check(model) instanceof MultiLayerNetwork n) {
            n.incrementEpochCount();
        } else {
            ((ComputationGraph) model).incrementEpochCount();
        }
    }

    /**
     * @param model a network
     * @return the same network
     * @throws IllegalArgumentException if it is neither a MultiLayerNetwork nor a ComputationGraph
     */
    static Model check(Model model) {
        if (!(model instanceof MultiLayerNetwork) && !(model instanceof ComputationGraph)) {
            throw new IllegalArgumentException("model must be a MultiLayerNetwork or a ComputationGraph, got "
                    + (model == null ? "null" : model.getClass().getName()));
        }
        return model;
    }
}
