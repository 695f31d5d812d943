package org.spiketime4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped real N-MNIST subset ({@code datasets/nmnist-small}: the first 1,000 training and the first 100 test
 * recordings) read by {@link NmnistDataset}, checked against truth from outside the reader: the SHA-256 sums shipped
 * with the files, the bytes of each file decoded here by a plain loop over the format description, the class
 * counts stated in the subset's README, and the MNIST labels of the images the recordings were made from.
 */
class RealNmnistSubsetTest {

    private static final Path ROOT = Path.of("datasets", "nmnist-small");

    @Test
    void everyFileMatchesItsShippedChecksum() throws IOException, NoSuchAlgorithmException {
        List<String> lines = Files.readAllLines(ROOT.resolve("SHA256SUMS"));
        assertEquals(1100, lines.size(), "one sum per recording");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String line : lines) {
            String[] parts = line.split(" +", 2);
            byte[] digest = sha.digest(Files.readAllBytes(ROOT.resolve(parts[1])));
            assertEquals(parts[0], HexFormat.of().formatHex(digest), parts[1]);
        }
    }

    @Test
    void splitSizesAndTestClassBalanceAreThoseOfTheReadme() throws IOException {
        try (NmnistDataset train = NmnistDataset.open(ROOT, Split.TRAIN);
             NmnistDataset test = NmnistDataset.open(ROOT, Split.TEST)) {
            assertEquals(1000, train.size());
            assertEquals(100, test.size());
            int[] perDigit = new int[10];
            for (int i = 0; i < test.size(); i++) {
                perDigit[test.label(i)]++;
            }
            assertArrayEquals(new int[]{8, 14, 8, 11, 14, 7, 10, 15, 2, 11}, perDigit);
        }
    }

    /** Recording N of a split was made from MNIST image N (1-based) of the same split: its folder is that label. */
    @Test
    void labelsFromFolderNamesAreTheMnistLabelsOfTheSourceImages() throws IOException {
        for (Split split : Split.values()) {
            IdxDataset mnist = IdxDataset.load(Path.of("datasets", "mnist"), split);
            try (NmnistDataset events = NmnistDataset.open(ROOT, split)) {
                for (int i = 0; i < events.size(); i++) {
                    Path file = Path.of(events.name(i));
                    int number = Integer.parseInt(file.getFileName().toString().replace(".bin", ""));
                    int folderDigit = Integer.parseInt(file.getParent().getFileName().toString());
                    assertEquals(folderDigit, events.label(i), events.name(i));
                    assertEquals(mnist.label(number - 1), events.label(i), events.name(i));
                }
            }
        }
    }

    @Test
    void eventsMatchAPlainDecodingOfTheBytes() throws IOException {
        long onTotal = 0;
        long total = 0;
        for (Split split : Split.values()) {
            try (NmnistDataset data = NmnistDataset.open(ROOT, split)) {
                for (int i = 0; i < data.size(); i++) {
                    byte[] bytes = Files.readAllBytes(Path.of(data.name(i)));
                    assertEquals(0, bytes.length % 5, data.name(i));
                    EventStream e = data.events(i);
                    int n = bytes.length / 5;
                    assertEquals(n, e.size(), data.name(i));
                    assertTrue(n >= 1000 && n <= 7500, data.name(i) + ": " + n + " events, README says 1.1k to 7.2k");
                    int lastTime = 0;
                    for (int k = 0; k < n; k++) {
                        int x = bytes[5 * k] & 0xFF;
                        int y = bytes[5 * k + 1] & 0xFF;
                        boolean on = (bytes[5 * k + 2] & 0x80) != 0;
                        int t = (bytes[5 * k + 2] & 0x7F) << 16 | (bytes[5 * k + 3] & 0xFF) << 8 | bytes[5 * k + 4] & 0xFF;
                        assertTrue(x <= 33 && y <= 33, data.name(i) + " event " + k + " off the 34x34 sensor");
                        assertTrue(t >= lastTime, data.name(i) + " event " + k + " goes back in time");
                        lastTime = t;
                        assertEquals(x, e.x(k));
                        assertEquals(y, e.y(k));
                        assertEquals(on, e.on(k));
                        assertEquals(t, e.timeUs(k));
                        onTotal += on ? 1 : 0;
                    }
                    assertTrue(lastTime > 290_000 && lastTime < 340_000, data.name(i) + " lasts " + lastTime + " us: three saccades, ~0.3 s");
                    total += n;
                }
            }
        }
        double onShare = (double) onTotal / total;
        assertTrue(onShare > 0.3 && onShare < 0.7, "both polarities occur in comparable numbers: ON share " + onShare);
    }
}
