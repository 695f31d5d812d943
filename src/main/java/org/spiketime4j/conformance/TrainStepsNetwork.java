package org.spiketime4j.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.spiketime4j.train.NetworkSpec;

/**
 * The network of a {@code train_steps} case, read from the case: channels, kernels and layer widths from the
 * shapes of its weights {@code init_L<l>_weight} ({@code [C_out, C_in, k, k]} conv, {@code [out, in]} dense),
 * padding and pooling from the {@code network} lines when they fit those shapes, else the combination of
 * paddings and pooling windows that makes the first dense layer's width come out of the image; T from
 * {@code T}. Stride 1, square kernels, pooling windows of stride k, as in the paper's networks.
 *
 * @param spec   the network in the paper's notation
 * @param height image height
 * @param width  image width
 */
record TrainStepsNetwork(NetworkSpec spec, long height, long width) {

    private static final Pattern PAD = Pattern.compile("pad\\s*(\\d+)");
    private static final Pattern POOL = Pattern.compile("(\\d+)\\s*x\\s*\\d+");
    private static final int MAX_POOL = 8;

    /** One conv layer's unknowns. */
    private record ConvChoice(int padding, int pool) {
    }

    /**
     * @param spec   the case's {@code case.json}
     * @param height image height (MNIST: 28)
     * @param width  image width
     * @return the network
     * @throws IllegalArgumentException if no network or more than one fits the shapes
     */
    static TrainStepsNetwork infer(JsonNode spec, long height, long width) {
        List<long[]> weights = new ArrayList<>();
        for (int l = 0; spec.get("arrays").has("init_L" + l + "_weight"); l++) {
            JsonNode s = spec.get("arrays").get("init_L" + l + "_weight");
            long[] shape = new long[s.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = s.get(i).asLong();
            }
            weights.add(shape);
        }
        if (weights.isEmpty() || weights.get(weights.size() - 1).length != 2) {
            throw new IllegalArgumentException("train_steps case: needs weights init_L0_weight ... ending with a dense "
                    + "[out, in] layer");
        }
        int convs = 0;
        while (convs < weights.size() && weights.get(convs).length == 4) {
            if (weights.get(convs)[2] != weights.get(convs)[3]) {
                throw new IllegalArgumentException("train_steps case: kernel of layer " + convs + " is not square: "
                        + Arrays.toString(weights.get(convs)));
            }
            convs++;
        }
        List<ConvChoice> described = described(spec, convs);
        List<ConvChoice> choice = described != null && fits(weights, convs, described, height, width)
                ? described : search(weights, convs, height, width);
        return new TrainStepsNetwork(NetworkSpec.parse(text(weights, convs, choice)), height, width);
    }

    /** Padding and pooling per conv layer from the {@code network} lines, or null without them. */
    private static List<ConvChoice> described(JsonNode spec, int convs) {
        if (!spec.has("network")) {
            return null;
        }
        List<ConvChoice> out = new ArrayList<>();
        for (JsonNode line : spec.get("network")) {
            String s = line.asText().toLowerCase(java.util.Locale.ROOT);
            if (s.startsWith("conv")) {
                Matcher m = PAD.matcher(s);
                out.add(new ConvChoice(m.find() ? Integer.parseInt(m.group(1)) : 0, 1));
            } else if (s.contains("pool") && !out.isEmpty()) {
                Matcher m = POOL.matcher(s);
                if (m.find()) {
                    ConvChoice last = out.remove(out.size() - 1);
                    out.add(new ConvChoice(last.padding(), Integer.parseInt(m.group(1))));
                }
            }
        }
        return out.size() == convs ? out : null;
    }

    /** @return the flattened size after the conv part, or -1 if a layer does not fit */
    private static long flattened(List<long[]> weights, int convs, List<ConvChoice> choice, long h, long w) {
        long channels = convs == 0 ? 1 : weights.get(0)[1];
        for (int i = 0; i < convs; i++) {
            long[] s = weights.get(i);
            if (s[1] != channels) {
                return -1;
            }
            long k = s[2];
            h = (h + 2L * choice.get(i).padding() - k + 1) / choice.get(i).pool();
            w = (w + 2L * choice.get(i).padding() - k + 1) / choice.get(i).pool();
            if (h < 1 || w < 1) {
                return -1;
            }
            channels = s[0];
        }
        return channels * h * w;
    }

    private static boolean fits(List<long[]> weights, int convs, List<ConvChoice> choice, long h, long w) {
        if (convs == 0) {
            return weights.get(0)[1] == h * w;
        }
        for (int i = convs; i + 1 < weights.size(); i++) {
            if (weights.get(i + 1)[1] != weights.get(i)[0]) {
                return false;
            }
        }
        return flattened(weights, convs, choice, h, w) == weights.get(convs)[1];
    }

    /**
     * Every padding 0..k-1 and pooling window 1..8 per conv layer; among those that fit, the ones whose pooling
     * windows divide the maps, then the least padding.
     */
    private static List<ConvChoice> search(List<long[]> weights, int convs, long h, long w) {
        List<List<ConvChoice>> fitting = new ArrayList<>();
        enumerate(weights, convs, new ArrayList<>(), h, w, fitting);
        if (fitting.isEmpty()) {
            throw new IllegalArgumentException("train_steps case: no padding and pooling make the weights "
                    + shapes(weights) + " fit a " + h + "x" + w + " image");
        }
        fitting.sort(java.util.Comparator.<List<ConvChoice>>comparingInt(c -> remainders(weights, c, h, w))
                .thenComparingInt(c -> c.stream().mapToInt(ConvChoice::padding).sum()));
        List<ConvChoice> best = fitting.get(0);
        if (fitting.size() > 1 && remainders(weights, fitting.get(1), h, w) == remainders(weights, best, h, w)
                && sumPadding(fitting.get(1)) == sumPadding(best)) {
            throw new IllegalArgumentException("train_steps case: the weights " + shapes(weights) + " fit several "
                    + "networks (" + text(weights, convs, best) + ", " + text(weights, convs, fitting.get(1))
                    + "); list the layers in case.json 'network'");
        }
        return best;
    }

    private static void enumerate(List<long[]> weights, int convs, List<ConvChoice> prefix, long h, long w,
                                  List<List<ConvChoice>> out) {
        if (prefix.size() == convs) {
            if (fits(weights, convs, prefix, h, w)) {
                out.add(List.copyOf(prefix));
            }
            return;
        }
        long k = weights.get(prefix.size())[2];
        for (int p = 0; p < k; p++) {
            for (int pool = 1; pool <= MAX_POOL; pool++) {
                prefix.add(new ConvChoice(p, pool));
                enumerate(weights, convs, prefix, h, w, out);
                prefix.remove(prefix.size() - 1);
            }
        }
    }

    /** Number of pooling windows that do not divide their maps. */
    private static int remainders(List<long[]> weights, List<ConvChoice> choice, long h, long w) {
        int n = 0;
        for (int i = 0; i < choice.size(); i++) {
            long hc = h + 2L * choice.get(i).padding() - weights.get(i)[2] + 1;
            long wc = w + 2L * choice.get(i).padding() - weights.get(i)[2] + 1;
            n += hc % choice.get(i).pool() != 0 || wc % choice.get(i).pool() != 0 ? 1 : 0;
            h = hc / choice.get(i).pool();
            w = wc / choice.get(i).pool();
        }
        return n;
    }

    private static int sumPadding(List<ConvChoice> choice) {
        return choice.stream().mapToInt(ConvChoice::padding).sum();
    }

    private static String shapes(List<long[]> weights) {
        return weights.stream().map(Arrays::toString).toList().toString();
    }

    private static String text(List<long[]> weights, int convs, List<ConvChoice> choice) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < convs; i++) {
            long[] s = weights.get(i);
            tokens.add(s[0] + "C" + s[2] + (choice.get(i).padding() > 0 ? "p" + choice.get(i).padding() : ""));
            if (choice.get(i).pool() > 1) {
                tokens.add("AP" + choice.get(i).pool());
            }
        }
        for (int i = convs; i < weights.size(); i++) {
            tokens.add(String.valueOf(weights.get(i)[0]));
        }
        return String.join("-", tokens);
    }
}
