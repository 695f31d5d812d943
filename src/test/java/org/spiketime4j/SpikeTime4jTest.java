package org.spiketime4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spiketime4j.SpikeTime4j.Backend;
import org.spiketime4j.SpikeTime4j.EnvironmentReport;
import org.spiketime4j.SpikeTime4j.Setting;

/**
 * {@link SpikeTime4j#checkEnvironment()} against the settings of the {@code spiketime} launcher (written out here by
 * hand from the launcher script) and against this test JVM, whose settings the pom's surefire configuration fixes.
 */
class SpikeTime4jTest {

    /** What the launcher exports and passes to java. */
    private static final Map<String, String> LAUNCHER_ENV = Map.of(
            "OMP_NUM_THREADS", "2", "OMP_WAIT_POLICY", "PASSIVE", "OPENBLAS_THREAD_TIMEOUT", "4",
            "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1");
    private static final Map<String, String> LAUNCHER_PROPERTIES = Map.of(
            "org.bytedeco.javacpp.maxPhysicalBytes", "0",
            "org.bytedeco.javacpp.platform.extension", "-onednn");
    /** The pom puts nd4j-native's oneDNN jar on the class path of the launcher and of the tests. */
    private static final boolean ONEDNN_LOADED = true;
    private static final long LAUNCHER_YOUNG = 256L << 20;

    private static final List<String> ALL = List.of(SpikeTime4j.ONEDNN_SETTING,
            "OPENBLAS_THREAD_TIMEOUT", "OMP_WAIT_POLICY", "org.bytedeco.javacpp.maxPhysicalBytes",
            "young generation", "GLIBC_TUNABLES");

    @Test
    void theLauncherSettingsMissNothing() {
        EnvironmentReport r = SpikeTime4j.check(Backend.CPU, ONEDNN_LOADED, LAUNCHER_ENV::get, LAUNCHER_PROPERTIES::get,
                LAUNCHER_YOUNG);
        assertEquals(ALL, r.settings().stream().map(Setting::name).toList());
        assertTrue(r.allPresent(), () -> "missing: " + r.missing());
        assertEquals("-Xmn256m", r.settings().get(4).actual());
    }

    @Test
    void aBareJvmOnTheCpuMissesEverySetting() {
        EnvironmentReport r = SpikeTime4j.check(Backend.CPU, false, name -> null, name -> null, null);
        assertEquals(ALL, r.missing().stream().map(Setting::name).toList());
        assertEquals("the generic build is loaded", r.missing().get(0).actual());
        for (Setting s : r.missing().subList(1, ALL.size())) {
            assertNull(s.actual(), s.name());
            assertTrue(s.applies(), s.name());
            assertFalse(s.benefit().isBlank(), s.name());
        }
        assertTrue(r.missing().get(0).howToSet().startsWith("org.nd4j:nd4j-native:1.0.0-M2.1:<platform>-onednn"));
        assertEquals("OMP_WAIT_POLICY=PASSIVE in the environment", r.missing().get(2).howToSet());
        assertEquals("-Dorg.bytedeco.javacpp.maxPhysicalBytes=0 on the java command line",
                r.missing().get(3).howToSet());
        assertEquals("-Xmn256m on the java command line", r.missing().get(4).howToSet());
    }

    @Test
    void onCudaTheCpuOnlySettingsDoNotApply() {
        EnvironmentReport r = SpikeTime4j.check(Backend.CUDA, false, name -> null, name -> null, null);
        assertEquals(List.of("org.bytedeco.javacpp.maxPhysicalBytes", "young generation"),
                r.missing().stream().map(Setting::name).toList());
        assertEquals(List.of(false, false, false, true, true, false),
                r.settings().stream().map(Setting::applies).toList());
    }

    @Test
    void wrongValuesCountAsMissing() {
        Map<String, String> env = Map.of("OMP_WAIT_POLICY", "ACTIVE", "OPENBLAS_THREAD_TIMEOUT", "0",
                "GLIBC_TUNABLES", "glibc.malloc.hugetlb=0:glibc.malloc.arena_max=2");
        Map<String, String> props = Map.of("org.bytedeco.javacpp.maxPhysicalBytes", "12G");
        EnvironmentReport r = SpikeTime4j.check(Backend.CPU, false, env::get, props::get, 512L << 20);
        assertEquals(ALL, r.missing().stream().map(Setting::name).toList());
        assertEquals("-Xmn512m", r.settings().get(4).actual());
        assertEquals("12G", r.settings().get(3).actual());
        assertEquals("glibc.malloc.hugetlb=0:glibc.malloc.arena_max=2", r.settings().get(5).actual());
    }

    @Test
    void theGlibcTunableIsFoundAmongOthersAndOnlyOnLinux() {
        Map<String, String> env = Map.of("GLIBC_TUNABLES", "glibc.malloc.arena_max=2: glibc.malloc.hugetlb=1");
        Map<String, String> linux = Map.of("os.name", "Linux");
        assertTrue(SpikeTime4j.check(Backend.CPU, false, env::get, linux::get, null).settings().get(5).present());
        Map<String, String> mac = Map.of("os.name", "Mac OS X");
        Map<String, String> none = Map.of();
        Setting onMac = SpikeTime4j.check(Backend.CPU, false, none::get, mac::get, null).settings().get(5);
        assertFalse(onMac.applies());
        assertTrue(onMac.present());
        assertFalse(SpikeTime4j.check(Backend.CPU, false, none::get, linux::get, null).settings().get(5).present());
    }

    @Test
    void javacppSpellingsAndUnitsAreReadAsJavacppReadsThem() {
        // lower case alone counts; the camel-case spelling wins over it, as in JavaCPP's Pointer
        assertTrue(maxPhysicalPresent(Map.of("org.bytedeco.javacpp.maxphysicalbytes", "0")));
        assertTrue(maxPhysicalPresent(Map.of("org.bytedeco.javacpp.maxPhysicalBytes", "0g")));
        assertFalse(maxPhysicalPresent(Map.of("org.bytedeco.javacpp.maxPhysicalBytes", "8G",
                "org.bytedeco.javacpp.maxphysicalbytes", "0")));
        assertTrue(maxPhysicalPresent(Map.of("org.bytedeco.javacpp.maxPhysicalBytes", " 0 ",
                "org.bytedeco.javacpp.maxphysicalbytes", "12G")));
        assertFalse(maxPhysicalPresent(Map.of("org.bytedeco.javacpp.maxPhysicalBytes", "none")));
        // a smaller bounded young generation is bounded too
        Map<String, String> none = Map.of();
        assertTrue(SpikeTime4j.check(Backend.CPU, false, none::get, none::get, 128L << 20).settings().get(4).present());
    }

    /**
     * The surefire configuration passes the oneDNN extension (and the pom the oneDNN jar) but not maxPhysicalBytes,
     * and no -Xmn.
     */
    @Test
    void thisTestJvmIsReadAsConfigured() {
        EnvironmentReport r = SpikeTime4j.checkEnvironment();
        assertEquals(Backend.CPU, r.backend());
        Map<String, Setting> byName = r.settings().stream().collect(Collectors.toMap(Setting::name, s -> s));
        assertEquals("-onednn", System.getProperty("org.bytedeco.javacpp.platform.extension"));
        assertEquals("the oneDNN build is loaded", byName.get(SpikeTime4j.ONEDNN_SETTING).actual());
        assertTrue(byName.get(SpikeTime4j.ONEDNN_SETTING).present());
        assertEquals(System.getenv("OMP_WAIT_POLICY"), byName.get("OMP_WAIT_POLICY").actual());
        assertFalse(byName.get("org.bytedeco.javacpp.maxPhysicalBytes").present());
        assertFalse(byName.get("young generation").present());
        assertEquals(System.getenv("GLIBC_TUNABLES"), byName.get("GLIBC_TUNABLES").actual());
    }

    private static boolean maxPhysicalPresent(Map<String, String> properties) {
        Map<String, String> none = Map.of();
        return SpikeTime4j.check(Backend.CPU, false, none::get, properties::get, null).settings().get(3).present();
    }
}
