import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * {@code bench/jar-ab.sh}: several SpikeTime4j jars in one JVM, each in a class loader of its own (its
 * {@code org.spiketime4j} classes and {@link AbDriver} loaded from that jar, ND4J and DL4J shared), timed in
 * alternating blocks of steps. On a shared machine whose speed drifts by 1.4x within minutes, this is what tells a
 * 1 ms change from the drift: every jar sees the same phases of the machine.
 */
public final class JarAb {

    private JarAb() {
    }

    /** Loads {@code org.spiketime4j} classes and the driver from its own URLs first, everything else from the parent. */
    private static final class OwnClassesFirst extends URLClassLoader {
        OwnClassesFirst(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("org.spiketime4j.") && !name.equals("AbDriver")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    c = findClass(name);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }

    /**
     * @param args mode (train or inference), rounds, steps per block, warm-up steps, the driver's class folder, the
     *             MNIST folder, then the jars
     * @throws Exception if a jar cannot be loaded or run
     */
    public static void main(String[] args) throws Exception {
        boolean inference = args[0].equals("inference");
        int rounds = Integer.parseInt(args[1]);
        int block = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        URL driver = Path.of(args[4]).toUri().toURL();
        List<String> jars = List.of(args).subList(6, args.length);
        List<IntToDoubleFunction> runs = new ArrayList<>();
        for (String jar : jars) {
            ClassLoader loader = new OwnClassesFirst(new URL[]{Path.of(jar).toUri().toURL(), driver},
                    JarAb.class.getClassLoader());
            Thread.currentThread().setContextClassLoader(loader);
            runs.add((IntToDoubleFunction) loader.loadClass("AbDriver").getConstructor(String.class, boolean.class)
                    .newInstance(args[5], inference));
        }
        int step = 0;
        for (int i = 0; i < warmup; i++, step++) {
            for (IntToDoubleFunction r : runs) {
                r.applyAsDouble(step);
            }
        }
        List<List<Double>> times = new ArrayList<>();
        jars.forEach(j -> times.add(new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            for (int j = 0; j < runs.size(); j++) {
                for (int i = 0; i < block; i++) {
                    times.get(j).add(runs.get(j).applyAsDouble(step + i));
                }
            }
            step += block;
            System.err.printf("round %d of %d%n", round + 1, rounds);
        }
        System.out.printf("%s, %d rounds of %d steps per jar after %d warm-up steps each (ms per %s):%n",
                inference ? "inference" : "training", rounds, block, warmup, inference ? "batch" : "step");
        for (int j = 0; j < jars.size(); j++) {
            List<Double> v = times.get(j);
            Collections.sort(v);
            System.out.printf("  median %6.2f  p25 %6.2f  p75 %6.2f  %s%n", v.get(v.size() / 2), v.get(v.size() / 4),
                    v.get(3 * v.size() / 4), jars.get(j));
        }
    }
}
