package org.spiketime4j;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spiketime4j.neuron.KernelDispatch;

/**
 * Entry points that concern the library as a whole. {@link #checkEnvironment()} tells an application that embeds
 * SpikeTime4j which of the process settings behind the speed measured with the {@code spiketime} launcher it lacks:
 * the launcher sets them all, a library user has to pass them to its own JVM (they can only be set before the JVM or
 * ND4J starts, so the check reports and never changes anything).
 *
 * <p>Example: {@code DocExamplesTest#checkEnvironment}.
 */
public final class SpikeTime4j {

    /** The largest young generation that counts as bounded, 256 MiB (the launcher's {@code -Xmn256m}). */
    public static final long MAX_YOUNG_GENERATION_BYTES = 256L << 20;

    /** Name of the first setting: which build of nd4j-native runs. */
    public static final String ONEDNN_SETTING = "oneDNN build of nd4j-native";

    private static final String ONEDNN_JAR = "org.nd4j:nd4j-native:1.0.0-M2.1:<platform>-onednn "
            + "(e.g. linux-x86_64-onednn)";
    /** The glibc tunable the launcher sets: malloc asks for transparent huge pages (glibc 2.35 and later). */
    private static final String HUGE_PAGES_TUNABLE = "glibc.malloc.hugetlb=1";
    private static final Logger LOG = LoggerFactory.getLogger(SpikeTime4j.class);

    private SpikeTime4j() {
    }

    /** The ND4J backend a process runs on. */
    public enum Backend {
        /** nd4j-native: the fused CPU loops, OpenMP, OpenBLAS and (in its oneDNN build) oneDNN. */
        CPU,
        /** nd4j-cuda: the ND4J-op path on the GPU; the CPU-only settings do not apply. */
        CUDA
    }

    /** Where a setting is made. */
    public enum Kind {
        /** A jar on the class path (a dependency of the application). */
        CLASS_PATH,
        /** An environment variable of the process (set before the JVM starts). */
        ENVIRONMENT,
        /** A Java system property ({@code -Dname=value} on the java command line). */
        SYSTEM_PROPERTY,
        /** A JVM option on the java command line. */
        JVM_OPTION
    }

    /**
     * One process setting and how this process has it.
     *
     * @param name        the variable, property or option name
     * @param kind        where it is set
     * @param recommended the value the {@code spiketime} launcher uses
     * @param actual      the value in this process, or null when it is not set
     * @param present     whether this process has the recommended setting (always true when it does not apply)
     * @param applies     whether it matters on this backend and system (the CPU-only ones do not on CUDA, the glibc
     *                    one only on Linux)
     * @param benefit     what it buys, as measured on the MNIST training step ({@code GLIBC_TUNABLES}: N-MNIST's)
     */
    public record Setting(String name, Kind kind, String recommended, String actual, boolean present,
                          boolean applies, String benefit) {

        /** @return how to set it, e.g. {@code OMP_WAIT_POLICY=PASSIVE} in the environment */
        public String howToSet() {
            return switch (kind) {
                case CLASS_PATH -> recommended + " on the class path";
                case ENVIRONMENT -> name + "=" + recommended + " in the environment";
                case SYSTEM_PROPERTY -> "-D" + name + "=" + recommended + " on the java command line";
                case JVM_OPTION -> recommended + " on the java command line";
            };
        }
    }

    /**
     * What {@link #checkEnvironment()} found.
     *
     * @param backend  the ND4J backend of this process
     * @param settings every setting, in a fixed order: oneDNN build, {@code OPENBLAS_THREAD_TIMEOUT},
     *                 {@code OMP_WAIT_POLICY}, {@code maxPhysicalBytes}, young generation, {@code GLIBC_TUNABLES}
     */
    public record EnvironmentReport(Backend backend, List<Setting> settings) {

        /**
         * Copies the list.
         *
         * @param backend  the ND4J backend of this process
         * @param settings every setting
         */
        public EnvironmentReport {
            settings = List.copyOf(settings);
        }

        /** @return the settings that apply on this backend and are not as recommended */
        public List<Setting> missing() {
            return settings.stream().filter(s -> !s.present()).toList();
        }

        /** @return true when nothing is missing */
        public boolean allPresent() {
            return missing().isEmpty();
        }
    }

    /**
     * Checks this process for the settings the {@code spiketime} launcher makes, logs each missing one at INFO
     * (the present ones at DEBUG) through slf4j, and returns the findings. It initialises the ND4J backend (to
     * learn whether it is the CPU or the CUDA one) and changes nothing.
     *
     * @return one entry per setting, with the backend
     */
    public static EnvironmentReport checkEnvironment() {
        Backend backend = Nd4j.getEnvironment().isCPU() ? Backend.CPU : Backend.CUDA;
        boolean oneDnn = backend == Backend.CPU && KernelDispatch.oneDnnBuild();
        EnvironmentReport report = check(backend, oneDnn, System::getenv, System::getProperty, youngGeneration());
        for (Setting s : report.settings()) {
            if (!s.present()) {
                LOG.info("SpikeTime4j speed setting missing: {} (is {}); set {}: {}", s.name(),
                        s.actual() == null ? "not set" : s.actual(), s.howToSet(), s.benefit());
            } else {
                LOG.debug("SpikeTime4j speed setting: {} = {}{}", s.name(), s.actual(),
                        s.applies() ? "" : " (does not apply on " + backend + ")");
            }
        }
        LOG.info("SpikeTime4j on the {} backend: {} of {} speed settings missing", backend, report.missing().size(),
                report.settings().size());
        return report;
    }

    /**
     * The check itself, on given readings of the process.
     *
     * @param backend        the ND4J backend
     * @param oneDnn         whether the loaded native library is the oneDNN build
     * @param environment    environment variable by name, null when unset
     * @param properties     system property by name, null when unset
     * @param youngGeneration the young generation's maximum size when set on the command line, else null
     * @return the report
     */
    static EnvironmentReport check(Backend backend, boolean oneDnn, UnaryOperator<String> environment,
                                   UnaryOperator<String> properties, Long youngGeneration) {
        boolean cpu = backend == Backend.CPU;
        String timeout = environment.apply("OPENBLAS_THREAD_TIMEOUT");
        String waitPolicy = environment.apply("OMP_WAIT_POLICY");
        String tunables = environment.apply("GLIBC_TUNABLES");
        String os = properties.apply("os.name");
        boolean glibc = cpu && (os == null || os.toLowerCase(Locale.ROOT).contains("linux"));
        // JavaCPP reads both spellings; the camel-case one wins
        String maxPhysical = properties.apply("org.bytedeco.javacpp.maxPhysicalBytes");
        if (maxPhysical == null) {
            maxPhysical = properties.apply("org.bytedeco.javacpp.maxphysicalbytes");
        }
        return new EnvironmentReport(backend, List.of(
                new Setting(ONEDNN_SETTING, Kind.CLASS_PATH, ONEDNN_JAR, !cpu ? null
                        : oneDnn ? "the oneDNN build is loaded" : "the generic build is loaded",
                        !cpu || oneDnn, cpu,
                        "the oneDNN build's conv2d and conv2d_bp are 10-20x faster than the generic build's; JavaCPP "
                                + "loads it whenever the jar is on the class path, unless "
                                + "-Dorg.bytedeco.javacpp.platform.extension names another build (the launcher "
                                + "passes -onednn)"),
                new Setting("OPENBLAS_THREAD_TIMEOUT", Kind.ENVIRONMENT, "4", timeout,
                        !cpu || "4".equals(trimmed(timeout)), cpu,
                        "OpenBLAS's workers sleep right after a product instead of spinning ~0.1 s on the cores: "
                                + "108 -> 87 ms per MNIST training step when another network runs in between"),
                new Setting("OMP_WAIT_POLICY", Kind.ENVIRONMENT, "PASSIVE", waitPolicy,
                        !cpu || "PASSIVE".equalsIgnoreCase(trimmed(waitPolicy)), cpu,
                        "idle OpenMP threads stop spinning on the cores the fused Java loops need: "
                                + "169 ms (ACTIVE) -> 136 ms per MNIST training step when measured"),
                new Setting("org.bytedeco.javacpp.maxPhysicalBytes", Kind.SYSTEM_PROPERTY, "0", maxPhysical,
                        isZero(maxPhysical), true,
                        "JavaCPP stops reading /proc/self/statm on every native allocation, that is on every ND4J "
                                + "op: about 10 ms per MNIST training step (the check only acts above twice the "
                                + "heap limit)"),
                new Setting("young generation", Kind.JVM_OPTION, "-Xmn256m", youngGeneration == null ? null
                        : "-Xmn" + (youngGeneration >> 20) + "m",
                        youngGeneration != null && youngGeneration <= MAX_YOUNG_GENERATION_BYTES, true,
                        "a bounded young generation (the launcher uses it with -XX:+UseParallelGC): with the "
                                + "collector's own sizing the resident set crept up by each batch's garbage, "
                                + "+516 MB over 250 MNIST batches"),
                new Setting("GLIBC_TUNABLES", Kind.ENVIRONMENT, HUGE_PAGES_TUNABLE, tunables,
                        !glibc || hasTunable(tunables, HUGE_PAGES_TUNABLE), glibc,
                        "glibc's malloc asks for 2 MB transparent huge pages: native arrays over 32 MB, which glibc "
                                + "maps and unmaps on every call, fault in a few hundred times per N-MNIST step "
                                + "instead of 20,000-56,000 (training step 858-932 -> 478-499 ms, inference "
                                + "306-386 -> 122-123 ms; MNIST's arrays are smaller and unaffected)")));
    }

    /** @return whether a {@code GLIBC_TUNABLES} value (colon-separated {@code name=value} pairs) holds a pair */
    private static boolean hasTunable(String tunables, String pair) {
        return tunables != null && Arrays.stream(tunables.split(":")).map(String::trim)
                .anyMatch(pair::equals);
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    /**
     * JavaCPP's size syntax: a number with an optional unit (k, m, g, t) or percent sign; JavaCPP skips the check
     * for a value of 0 or below.
     */
    private static boolean isZero(String size) {
        if (size == null) {
            return false;
        }
        String digits = size.trim().toLowerCase(Locale.ROOT).replaceFirst("[kmgt%]$", "");
        try {
            return Long.parseLong(digits) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The maximum young generation size when the command line set it (-Xmn, -XX:MaxNewSize), else null. */
    private static Long youngGeneration() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotSpot == null) {
            return null;
        }
        VMOption option = hotSpot.getVMOption("MaxNewSize");
        boolean fromUser = option.getOrigin() != VMOption.Origin.DEFAULT
                && option.getOrigin() != VMOption.Origin.ERGONOMIC;
        return fromUser ? Long.valueOf(option.getValue()) : null;
    }
}
