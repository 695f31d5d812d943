package org.spiketime4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default data folders are found under the launcher's folder ({@code spiketime.home}), not the working one. */
class DataSourcesDefaultTest {

    @Test
    void nmnistDefaultsToTheShippedRealSubsetUnderTheHome(@TempDir Path elsewhere) {
        Path home = Path.of("").toAbsolutePath();
        String saved = System.getProperty("spiketime.home");
        try {
            System.setProperty("spiketime.home", home.toString());
            assertEquals(home.resolve("datasets/nmnist-small"), DataSources.resolve(Presets.NMNIST, null));
            assertEquals(home.resolve("datasets/mnist"), DataSources.resolve(Presets.MNIST, null));
            System.setProperty("spiketime.home", elsewhere.toString());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DataSources.resolve(Presets.NMNIST, null));
            assertTrue(e.getMessage().startsWith("data folder not found: " + elsewhere.resolve("datasets/nmnist-small")),
                    e.getMessage());
        } finally {
            if (saved == null) {
                System.clearProperty("spiketime.home");
            } else {
                System.setProperty("spiketime.home", saved);
            }
        }
    }
}
