package org.spiketime4j.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.schedule.ScheduleType;
import org.spiketime4j.layers.SpikeInputType;

/**
 * Builds the stock DL4J configuration of a preset: the paper's optimiser (AdamW in PyTorch form with
 * decoupled weight decay, separate for W and for gamma/beta, cosine learning rate over the epochs),
 * the weight clamp, losses summed over the batch ({@code miniBatch(false)}: gradients are not divided
 * by the batch size, as in the reference), and the input type of the preset's data.
 *
 * <p>Example: {@code DocExamplesTest#spikingNetworks}.
 */
public final class SpikingNetworks {

    private SpikingNetworks() {
    }

    /**
     * @param preset the configuration
     * @return the input type of its data
     */
    public static InputType inputType(Preset preset) {
        return switch (preset.dataset()) {
            case MNIST, FASHION_MNIST -> SpikeInputType.staticImage(28, 28, 1);
            case NMNIST -> SpikeInputType.eventFrames(34, 34, 2, preset.neuron().timeSteps());
        };
    }

    /**
     * @param preset   the configuration
     * @param seed     the weight-initialisation seed
     * @param dataType the network's data type (FLOAT for training, DOUBLE for checks)
     * @return the configuration
     */
    public static MultiLayerConfiguration configuration(Preset preset, long seed, DataType dataType) {
        return configuration(preset, seed, dataType, inputType(preset));
    }

    /**
     * @param preset    the configuration
     * @param seed      the weight-initialisation seed
     * @param dataType  the network's data type
     * @param inputType the input type
     * @return the configuration
     */
    public static MultiLayerConfiguration configuration(Preset preset, long seed, DataType dataType,
                                                        InputType inputType) {
        OptimiserSettings optimiser = preset.optimiser();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .miniBatch(false)
                .updater(new ReferenceAdam(new CosineSchedule(ScheduleType.EPOCH, optimiser.learningRate(),
                        preset.epochs())))
                .constrainWeights(new WeightClamp(optimiser.weightClamp()))
                .list();
        for (Layer l : preset.network().layers(preset.neuron(), preset.createLoss(),
                optimiser.weightDecay(), optimiser.weightDecayNorm())) {
            list.layer(l);
        }
        return list.setInputType(inputType).build();
    }

    /**
     * @param preset   the configuration
     * @param seed     the weight-initialisation seed
     * @param dataType the network's data type
     * @return an initialised network with the global gradient-norm clip attached; a {@link SplitBatchNetwork},
     *         whose training step computes the two halves of a batch side by side
     */
    public static MultiLayerNetwork create(Preset preset, long seed, DataType dataType) {
        MultiLayerNetwork net = new SplitBatchNetwork(configuration(preset, seed, dataType));
        net.init();
        net.addListeners(new GradientNormClip(preset.optimiser().gradClipNorm()));
        return net;
    }

    /**
     * A trained model shipped with the library ({@link PretrainedModels#load}), in the spirit of DL4J zoo's
     * {@code initPretrained()}.
     *
     * @param name a preset name whose model is bundled, for example {@code mnist}
     * @return the trained network
     * @throws IllegalArgumentException if the name is unknown or not bundled (the message lists what is)
     */
    public static MultiLayerNetwork pretrained(String name) {
        return PretrainedModels.load(name).network();
    }
}
