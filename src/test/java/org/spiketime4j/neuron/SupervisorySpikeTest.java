package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link SupervisorySpike} on host arrays and on ND4J arrays against a loop that applies its rule neuron by neuron. */
class SupervisorySpikeTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void bothPathsFollowTheRuleNeuronByNeuron(DataType type) {
        Random r = new Random(5);
        int steps = 5;
        int samples = 40;
        int classes = 10;
        int k = samples * classes;
        double[][] s = new double[steps][k];
        double[][] du = new double[steps][k];
        double[] edges = {0.0, SupervisorySpike.RISE_THRESHOLD, -0.3, 0.7};
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < k; i++) {
                s[t][i] = r.nextDouble() < 0.2 ? 1 : 0;
                du[t][i] = r.nextDouble() < 0.3 ? edges[r.nextInt(edges.length)] : r.nextDouble() - 0.4;
            }
        }
        double[][] labels = new double[samples][classes];
        for (int n = 0; n < samples; n++) {
            labels[n][r.nextInt(classes)] = 1;
        }
        INDArray spikes = Nd4j.createFromArray(s).castTo(type);
        INDArray deltaU = Nd4j.createFromArray(du).castTo(type);
        INDArray oneHot = Nd4j.createFromArray(labels).castTo(type);

        INDArray host = SupervisorySpike.apply(spikes, deltaU, oneHot);
        INDArray ops = SupervisorySpike.apply(Nd4jAlgebra.INSTANCE, steps, spikes, deltaU,
                oneHot.reshape(1, k));
        assertEquals(ops, host, "host and ND4J paths");
        for (int i = 0; i < k; i++) {
            int last = 0;
            for (int t = 0; t < steps; t++) {
                boolean rising = type == DataType.FLOAT
                        ? (float) du[t][i] - (float) SupervisorySpike.RISE_THRESHOLD > 0
                        : du[t][i] - SupervisorySpike.RISE_THRESHOLD > 0;
                if (rising) {
                    last = t;
                }
            }
            boolean forced = labels[i / classes][i % classes] == 1 && du[last][i] != 0;   // 0 stays 0 in float
            for (int t = 0; t < steps; t++) {
                double expected = forced && t == last ? 1 : s[t][i];
                assertEquals(expected, host.getDouble(t, i), "neuron " + i + " step " + t);
            }
        }
        assertEquals(spikes, Nd4j.createFromArray(s).castTo(type), "the input spikes are left as they were");
    }
}
