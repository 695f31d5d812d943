package org.spiketime4j.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The vectorised recurrence and backward sweep against plain scalar loops written straight from
 * ALGORITHM.md sections 1 and 2 (first spike at or after t, kernels eps and kappa evaluated directly),
 * on random shapes and constants.
 */
class NaiveOracleTest {

    /** Scalar forward for one neuron: returns {spikes, du, g}. */
    static double[][] naiveForward(SrmNeuron n, double[] current, double threshold) {
        int steps = current.length;
        double[] s = new double[steps];
        double[] du = new double[steps];
        double[] g = new double[steps];
        double m = 0;
        double q = 0;
        double gr = 0;
        double uReset = 0;
        double thetaM = 1 / n.tauMemSteps();
        double thetaS = 1 / n.tauSynSteps();
        double thetaG = 1 / n.tauGradSteps();
        for (int t = 0; t < steps; t++) {
            m = (1 - thetaM) * (m + current[t]);
            q = (1 - thetaS) * (q + current[t]);
            gr = (1 - thetaG) * (gr + current[t]);
            double u = (m - q) * thetaS / (thetaS - thetaM);
            du[t] = u - uReset;
            g[t] = gr;
            if (u >= threshold) {
                s[t] = 1;
                m = 0;
                q = 0;
                gr = 0;
                uReset = 0;
            } else {
                uReset = u;
            }
        }
        return new double[][]{s, du, g};
    }

    /** Scalar backward for one neuron: returns {Gw, Gin}. */
    static double[][] naiveBackward(SrmNeuron n, double[] s, double[] du, double[] g, double[] grad) {
        int steps = s.length;
        double[] gw = new double[steps];
        double[] gin = new double[steps];
        for (int t = 0; t < steps; t++) {
            int k = t;
            while (k < steps && s[k] == 0) {
                k++;
            }
            if (k == steps) {
                continue;
            }
            int d = k - t;
            double gk = grad[k] * s[k];
            double a = Math.min(0, Math.max(-4, -1 / du[k]));
            double b = Math.min(0, Math.max(-123456789, -1 / g[k]));
            gw[t] = gk * a * n.eps(d + 1);
            gin[t] = gk * b * (-n.kappa(d + 1));
        }
        return new double[][]{gw, gin};
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void vectorisedEqualsNaiveLoops(long seed) {
        Random r = new Random(seed);
        int steps = 1 + r.nextInt(12);
        int neurons = 1 + r.nextInt(40);
        SrmNeuron n = new SrmNeuron(steps, 2 + 8 * r.nextDouble(), 1.5 + 2 * r.nextDouble(), 1.5 + 3 * r.nextDouble());
        if (n.tauMemSteps() == n.tauSynSteps()) {
            return;
        }
        boolean isStatic = r.nextBoolean();
        double[][] cur = new double[steps][neurons];
        double[] thr = new double[neurons];
        double[][] grad = new double[steps][neurons];
        for (int j = 0; j < neurons; j++) {
            thr[j] = 0.2 + r.nextDouble();
            double staticValue = r.nextGaussian();
            for (int t = 0; t < steps; t++) {
                cur[t][j] = isStatic ? staticValue : r.nextGaussian() * 1.5;
                grad[t][j] = r.nextGaussian();
            }
        }
        INDArray current = isStatic ? Nd4j.createFromArray(new double[][]{cur[0]}) : Nd4j.createFromArray(cur);
        SrmTrace trace = SrmForward.run(n, current, Nd4j.createFromArray(thr).reshape(1, neurons), true);
        SpikeTimeBackward.CurrentGradients back = SpikeTimeBackward.sweep(n, trace, Nd4j.createFromArray(grad), true);
        for (int j = 0; j < neurons; j++) {
            double[] column = new double[steps];
            double[] gradColumn = new double[steps];
            for (int t = 0; t < steps; t++) {
                column[t] = cur[t][j];
                gradColumn[t] = grad[t][j];
            }
            double[][] f = naiveForward(n, column, thr[j]);
            assertArrayEquals(f[0], col(trace.spikes(), j), "spikes of neuron " + j);
            assertArrayEquals(f[1], col(trace.deltaU(), j), 1e-12, "du of neuron " + j);
            assertArrayEquals(f[2], col(trace.gradTrace(), j), 1e-12, "g of neuron " + j);
            double[][] b = naiveBackward(n, f[0], f[1], f[2], gradColumn);
            assertArrayEquals(b[0], col(back.weightPath(), j), 1e-9, "Gw of neuron " + j);
            assertArrayEquals(b[1], col(back.inputPath(), j), 1e-9 * 123456789, "Gin of neuron " + j);
        }
    }

    private static double[] col(INDArray a, int j) {
        return a.getColumn(j).castTo(DataType.DOUBLE).toDoubleVector();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void poolingEqualsNaiveWindows(int kernel) {
        Random r = new Random(kernel);
        int b = 3;
        int h = kernel * 3 + r.nextInt(kernel);
        int w = kernel * 2 + r.nextInt(kernel);
        INDArray x = Nd4j.create(DataType.DOUBLE, b, h, w);
        INDArray g = Nd4j.create(DataType.DOUBLE, b, h / kernel, w / kernel);
        for (int i = 0; i < x.length(); i++) {
            x.putScalar(i, r.nextDouble() < 0.3 ? 1 : 0);
        }
        for (int i = 0; i < g.length(); i++) {
            g.putScalar(i, r.nextGaussian());
        }
        INDArray out = AdjustedAveragePooling.forward(x, kernel);
        INDArray gin = AdjustedAveragePooling.backward(x, g, kernel);
        for (int n = 0; n < b; n++) {
            for (int oy = 0; oy < h / kernel; oy++) {
                for (int ox = 0; ox < w / kernel; ox++) {
                    double count = 0;
                    for (int dy = 0; dy < kernel; dy++) {
                        for (int dx = 0; dx < kernel; dx++) {
                            count += x.getDouble(n, oy * kernel + dy, ox * kernel + dx);
                        }
                    }
                    assertEquals(count / (kernel * kernel), out.getDouble(n, oy, ox), 1e-12);
                    double expected = count == 0 ? 0 : g.getDouble(n, oy, ox) / count;
                    for (int dy = 0; dy < kernel; dy++) {
                        for (int dx = 0; dx < kernel; dx++) {
                            assertEquals(expected, gin.getDouble(n, oy * kernel + dy, ox * kernel + dx), 1e-12);
                        }
                    }
                }
            }
            for (int y = (h / kernel) * kernel; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    assertEquals(0.0, gin.getDouble(n, y, xx), "cropped row gets no gradient");
                }
            }
        }
    }
}
