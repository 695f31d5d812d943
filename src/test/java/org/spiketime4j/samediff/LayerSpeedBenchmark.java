package org.spiketime4j.samediff;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.spiketime4j.layers.SpikeInputType;
import org.spiketime4j.layers.SpikingConv2D;
import org.spiketime4j.neuron.SrmNeuron;

/**
 * Not a test: a manual benchmark of one forward + backward pass of the MNIST network's two conv layers
 * (batch 50, T = 5, float32), run with {@code java -cp ... org.spiketime4j.samediff.LayerSpeedBenchmark}.
 * It prints the median time per pass; it asserts nothing and is not run by surefire.
 */
public final class LayerSpeedBenchmark {

    private LayerSpeedBenchmark() {
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        Nd4j.getRandom().setSeed(1);
        if (args.length > 0 && args[0].equals("neuron")) {
            for (int i = 0; i < 3; i++) {
                benchNeuron(Nd4j.rand(DataType.FLOAT, 5, 50 * 15 * 24 * 24).muli(0.6));
            }
            return;
        }
        bench("conv1 static 1->15 28x28", new SpikingConv2D.Builder().nIn(1).nOut(15).kernelSize(5)
                .neuron(SrmNeuron.MNIST).build(), SpikeInputType.staticImage(28, 28, 1),
                Nd4j.rand(DataType.FLOAT, 50, 1, 28, 28));
        INDArray spikes = Nd4j.rand(DataType.FLOAT, 50, 15, 5, 12, 12).gt(0.7).castTo(DataType.FLOAT);
        bench("conv2 spikes 15->40 12x12", new SpikingConv2D.Builder().nIn(15).nOut(40).kernelSize(5)
                .neuron(SrmNeuron.MNIST).build(), SpikeInputType.eventFrames(12, 12, 15, 5), spikes);
        benchNeuron(Nd4j.rand(DataType.FLOAT, 5, 50 * 15 * 24 * 24).muli(0.6));
    }

    /** The recurrence and the sweep alone, on the currents of the first conv layer. */
    private static void benchNeuron(INDArray current) {
        INDArray threshold = Nd4j.ones(DataType.FLOAT, 1, current.size(1));
        int reps = 30;
        long[] ns = new long[reps];
        org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration cfg =
                org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration.builder()
                        .policyAllocation(org.nd4j.linalg.api.memory.enums.AllocationPolicy.STRICT)
                        .policyLearning(org.nd4j.linalg.api.memory.enums.LearningPolicy.FIRST_LOOP).build();
        for (int r = 0; r < reps + 5; r++) {
            long t0 = System.nanoTime();
            try (org.nd4j.linalg.api.memory.MemoryWorkspace ws =
                         Nd4j.getWorkspaceManager().getAndActivateWorkspace(cfg, "bench")) {
            org.spiketime4j.neuron.SrmTrace trace = org.spiketime4j.neuron.SrmForward.run(SrmNeuron.MNIST, current,
                    threshold, true);
            org.spiketime4j.neuron.SpikeTimeBackward.sweep(SrmNeuron.MNIST, trace, trace.spikes(), true);
            }
            if (r >= 5) {
                ns[r - 5] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(ns);
        System.out.printf("neuron forward+sweep [5, 432000]: median %.2f ms, min %.2f ms%n", ns[reps / 2] / 1e6,
                ns[0] / 1e6);
    }

    private static void bench(String name, SpikingConv2D conf, InputType type, INDArray input) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list().layer(conf).setInputType(type).build());
        net.init();
        net.initGradientsView();
        Layer layer = net.getLayer(0);
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        int reps = 30;
        long[] ns = new long[reps];
        for (int r = 0; r < reps + 5; r++) {
            long t0 = System.nanoTime();
            layer.setInput(input, mgr);
            INDArray out = layer.activate(true, mgr);
            layer.backpropGradient(out.mul(0.1), mgr);
            if (r >= 5) {
                ns[r - 5] = System.nanoTime() - t0;
            }
        }
        java.util.Arrays.sort(ns);
        System.out.printf("%s: median %.2f ms, min %.2f ms%n", name, ns[reps / 2] / 1e6, ns[0] / 1e6);
    }
}
