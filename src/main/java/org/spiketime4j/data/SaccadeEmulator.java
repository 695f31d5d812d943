package org.spiketime4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Makes N-MNIST-like event recordings from static images, the way the real data set was recorded (an event
 * camera on a pan-tilt unit making three saccades in front of a screen showing the digit).
 *
 * <p>The model: the image, scaled bilinearly to the 34x34 sensor grid (black outside it), is shifted by the
 * camera's displacement and sampled bilinearly again while the camera moves along a triangle: three linear saccades of {@code saccadeMs} each, between corners at {@code amplitudePx}
 * from the centre (up, lower right, lower left, back up). Brightness {@code b = dark + (1 - dark) * pixel/255}.
 * Every pixel keeps a reference log brightness; each time its log brightness rises (falls) past the reference by
 * its ON (OFF) threshold it emits an ON (OFF) event and moves the reference by that threshold, so a large change
 * gives several events. Event times are interpolated linearly within a simulation step, then shifted by Gaussian
 * timing noise. Each pixel's two thresholds are the contrast threshold times {@code 1 + mismatch * N(0,1)}
 * (at least a quarter of it), and its initial reference is drawn uniformly between the two firing levels. All
 * randomness comes from {@code (seed, split, image index)}, so the output is deterministic and does not depend on
 * how many images are emulated or on how many threads do it.
 *
 * <p>What it does not model: sensor noise events, refractory periods, bias drift, the screen's flicker and the
 * exact trajectory of the real recordings. See {@code datasets/README.md}.
 */
public final class SaccadeEmulator {

    private static final int W = NmnistFormat.WIDTH;
    private static final int H = NmnistFormat.HEIGHT;

    private static final int LOG_TABLE_STEPS = 1024;

    private final SaccadeConfig config;
    /** log(dark + (1 - dark) * i) at i = k / LOG_TABLE_STEPS, interpolated linearly (error below 1e-4). */
    private final double[] logTable = new double[LOG_TABLE_STEPS + 2];

    /** @param config the emulation parameters */
    public SaccadeEmulator(SaccadeConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        double dark = config.darkLevel();
        for (int k = 0; k < logTable.length; k++) {
            logTable[k] = Math.log(dark + (1 - dark) * Math.min(1.0, k / (double) LOG_TABLE_STEPS));
        }
    }

    /** @return the emulation parameters */
    public SaccadeConfig config() {
        return config;
    }

    /**
     * Emulates the recording of one image of a data set.
     *
     * @param data the images
     * @param split which split they are (part of the random stream)
     * @param index the image
     * @param seed the seed
     * @return the events, in time order
     */
    public EventStream emulate(IdxDataset data, Split split, int index, long seed) {
        int rows = data.rows();
        int cols = data.cols();
        double[] image = new double[rows * cols];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                image[y * cols + x] = data.pixel(index, y, x) / 255.0;
            }
        }
        return emulate(image, rows, cols,
                new SplittableRandom(IndexedDataSetIterator.mix(seed, split.ordinal(), index)));
    }

    /**
     * Emulates the recording of one image.
     *
     * @param image brightness in [0, 1], row-major {@code rows x cols}
     * @param rows the image height
     * @param cols the image width
     * @param rng the random source
     * @return the events, in time order
     */
    public EventStream emulate(double[] image, int rows, int cols, SplittableRandom rng) {
        if (image.length != rows * cols) {
            throw new IllegalArgumentException("image has " + image.length + " values, expected " + rows + "x"
                    + cols);
        }
        double c = config.contrastThreshold();
        double[] thrOn = new double[W * H];
        double[] thrOff = new double[W * H];
        for (int p = 0; p < W * H; p++) {
            thrOn[p] = c * Math.max(0.25, 1 + config.thresholdMismatch() * gaussian(rng));
            thrOff[p] = c * Math.max(0.25, 1 + config.thresholdMismatch() * gaussian(rng));
        }
        int steps = (int) Math.round(config.totalUs() / config.stepUs());
        int pad = (int) Math.ceil(config.amplitudePx()) + 2;
        double[] scaled = scaledToSensor(image, rows, cols, pad);
        double[] prev = new double[W * H];
        double[] next = new double[W * H];
        render(scaled, pad, 0, prev);
        double[] ref = new double[W * H];
        for (int p = 0; p < W * H; p++) {
            ref[p] = prev[p] - thrOn[p] + rng.nextDouble() * (thrOn[p] + thrOff[p]);
        }
        long[] packed = new long[4096];
        int n = 0;
        double dt = config.totalUs() / steps;
        for (int k = 1; k <= steps; k++) {
            double t0 = (k - 1) * dt;
            render(scaled, pad, k * dt, next);
            for (int p = 0; p < W * H; p++) {
                double a = prev[p];
                double b = next[p];
                while (b - ref[p] >= thrOn[p] || ref[p] - b >= thrOff[p]) {
                    boolean on = b > ref[p];
                    ref[p] += on ? thrOn[p] : -thrOff[p];
                    double t = t0 + dt * (ref[p] - a) / (b - a) + config.timingJitterUs() * gaussian(rng);
                    int us = (int) Math.max(0, Math.min(NmnistFormat.MAX_TIME_US, Math.round(t)));
                    if (n == packed.length) {
                        packed = Arrays.copyOf(packed, n * 2);
                    }
                    packed[n++] = ((long) us << 16) | ((long) (p % W) << 9) | ((long) (p / W) << 1) | (on ? 1 : 0);
                }
            }
            double[] swap = prev;
            prev = next;
            next = swap;
        }
        Arrays.sort(packed, 0, n);
        int[] xs = new int[n];
        int[] ys = new int[n];
        boolean[] ons = new boolean[n];
        int[] ts = new int[n];
        for (int i = 0; i < n; i++) {
            long v = packed[i];
            ts[i] = (int) (v >>> 16);
            xs[i] = (int) ((v >>> 9) & 0x7F);
            ys[i] = (int) ((v >>> 1) & 0xFF);
            ons[i] = (v & 1) == 1;
        }
        return new EventStream(xs, ys, ons, ts);
    }

    /**
     * The image resampled bilinearly to the sensor grid, with a black border of {@code pad} pixels on every side,
     * row-major {@code (H + 2 pad) x (W + 2 pad)}.
     */
    private static double[] scaledToSensor(double[] image, int rows, int cols, int pad) {
        int w = W + 2 * pad;
        double[] out = new double[(H + 2 * pad) * w];
        double sx = cols / (double) W;
        double sy = rows / (double) H;
        for (int y = 0; y < H; y++) {
            double v = (y + 0.5) * sy - 0.5;
            int v0 = (int) Math.floor(v);
            double fv = v - v0;
            for (int x = 0; x < W; x++) {
                double u = (x + 0.5) * sx - 0.5;
                int u0 = (int) Math.floor(u);
                double fu = u - u0;
                double top = (1 - fu) * at(image, rows, cols, v0, u0) + fu * at(image, rows, cols, v0, u0 + 1);
                double bottom = (1 - fu) * at(image, rows, cols, v0 + 1, u0)
                        + fu * at(image, rows, cols, v0 + 1, u0 + 1);
                out[(y + pad) * w + x + pad] = (1 - fv) * top + fv * bottom;
            }
        }
        return out;
    }

    private static double at(double[] image, int rows, int cols, int y, int x) {
        return y < 0 || y >= rows || x < 0 || x >= cols ? 0 : image[y * cols + x];
    }

    /**
     * Fills {@code out} with the log brightness the sensor sees at time {@code tUs}: the scaled image shifted by
     * the displacement, sampled bilinearly (the same weights for every pixel, as the shift is common).
     */
    private void render(double[] scaled, int pad, double tUs, double[] out) {
        double[] d = displacement(tUs);
        int w = W + 2 * pad;
        double ox = -d[0];
        double oy = -d[1];
        int ix = (int) Math.floor(ox);
        int iy = (int) Math.floor(oy);
        double fx = ox - ix;
        double fy = oy - iy;
        double w00 = (1 - fy) * (1 - fx);
        double w01 = (1 - fy) * fx;
        double w10 = fy * (1 - fx);
        double w11 = fy * fx;
        for (int y = 0; y < H; y++) {
            int row = (y + iy + pad) * w + ix + pad;
            for (int x = 0; x < W; x++) {
                int k0 = row + x;
                double i = w00 * scaled[k0] + w01 * scaled[k0 + 1] + w10 * scaled[k0 + w]
                        + w11 * scaled[k0 + w + 1];
                double pos = Math.max(0, Math.min(1, i)) * LOG_TABLE_STEPS;
                int k = (int) pos;
                out[y * W + x] = logTable[k] + (pos - k) * (logTable[k + 1] - logTable[k]);
            }
        }
    }

    /**
     * The camera's displacement of the image at a time, in sensor pixels.
     *
     * @param tUs the time in microseconds since the start
     * @return {@code {dx, dy}}
     */
    double[] displacement(double tUs) {
        double seg = config.saccadeMs() * 1000;
        int s = (int) Math.min(2, Math.floor(tUs / seg));
        double f = Math.min(1, (tUs - s * seg) / seg);
        double[] a = corner(s);
        double[] b = corner((s + 1) % 3);
        return new double[] {a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])};
    }

    /** Corner k of the triangle: up, lower right, lower left (y grows downwards). */
    private double[] corner(int k) {
        double angle = Math.toRadians(-90 + 120 * k);
        return new double[] {config.amplitudePx() * Math.cos(angle), config.amplitudePx() * Math.sin(angle)};
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian in Java 17
        double u = 1.0 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /**
     * Emulates the first {@code count} images of a data set and writes them in the official N-MNIST layout,
     * {@code out/<Train|Test>/<label>/<index>.bin} with the five-digit image index as file name. Runs on all cores.
     *
     * @param data the images
     * @param split which part (the folder name and part of the random stream)
     * @param count how many images, from the first, 1..size
     * @param out the data set root
     * @param seed the seed
     * @param progress called once per finished image (from worker threads) with the number finished so far
     * @return the total number of events written
     * @throws IOException if a file cannot be written
     */
    public long writeSplit(IdxDataset data, Split split, int count, Path out, long seed, IntConsumer progress)
            throws IOException {
        if (count < 1 || count > data.size()) {
            throw new IllegalArgumentException("count must be in 1.." + data.size() + ", got " + count);
        }
        Path dir = out.resolve(split.eventFolder());
        for (int d = 0; d < IdxDataset.NUM_CLASSES; d++) {
            Files.createDirectories(dir.resolve(Integer.toString(d)));
        }
        AtomicInteger done = new AtomicInteger();
        try {
            return IntStream.range(0, count).parallel().mapToLong(i -> {
                EventStream e = emulate(data, split, i, seed);
                Path f = dir.resolve(Integer.toString(data.label(i))).resolve(String.format("%05d.bin", i));
                try {
                    NmnistFormat.write(f, e);
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                progress.accept(done.incrementAndGet());
                return e.size();
            }).sum();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
