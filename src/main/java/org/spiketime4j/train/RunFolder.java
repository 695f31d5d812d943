package org.spiketime4j.train;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.spiketime4j.data.AtomicFiles;

/**
 * The output folder of a training run, held under an exclusive lock while the run uses it.
 *
 * <p>It holds {@code run.json} (the run's options, written before training starts), {@code model.zip} (the
 * checkpoint), {@code metrics.jsonl} (one line per completed epoch) and {@code curves.png}. Every file is replaced
 * atomically; the checkpoint's epoch count says which metrics lines are valid, so that a run killed between the
 * metrics line and the checkpoint of an epoch drops that line when it resumes. Opening the folder takes the lock
 * {@code run.lock} (released when the process ends, however it ends), so that a second run into the same folder
 * fails at once, and deletes temporary files a killed run left behind.
 */
final class RunFolder implements Closeable {

    /** File name of the run's options. */
    static final String OPTIONS_FILE = "run.json";
    /** File name of the lock. */
    static final String LOCK_FILE = "run.lock";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolder(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates the folder if needed and locks it.
     *
     * @param dir the run folder
     * @return the locked folder; close it to release the lock
     * @throws IOException if the folder cannot be created or the lock file written (message names the path)
     * @throws IllegalStateException if another run holds the lock
     */
    static RunFolder lock(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": exists and is not a folder; the run's output needs a folder");
        }
        FileChannel ch;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IOException("cannot use " + dir + " as the run folder: " + AtomicFiles.reason(e), e);
        }
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IllegalStateException(dir + " is in use by another training run (its lock " + LOCK_FILE
                    + " is held); wait for it to end or choose another folder");
        }
        RunFolder f = new RunFolder(dir, ch, l);
        try {
            f.removeLeftovers();
        } catch (IOException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void removeLeftovers() throws IOException {
        AtomicFiles.removeLeftovers(dir);
        try (Stream<Path> files = Files.list(dir)) {       // the temporary names of earlier versions
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(TrainingRun.MODEL_FILE) && n.endsWith(AtomicFiles.TMP_SUFFIX)) {
                    Files.delete(f);
                }
            }
        }
    }

    /** @return the folder */
    Path dir() {
        return dir;
    }

    /**
     * @throws IllegalStateException if the folder already holds a run (a checkpoint or metrics; the options alone,
     *         of a run stopped before its first checkpoint, are replaced), or a folder sits where a run's file goes
     */
    void requireFresh() {
        requireNoFolderInTheWay();
        for (String name : List.of(TrainingRun.MODEL_FILE, TrainingRun.METRICS_FILE)) {   // run.json alone: no loss
            if (Files.exists(dir.resolve(name))) {
                throw new IllegalStateException(dir + " already holds a training run (" + name + "); nothing was "
                        + "changed. Continue it with --resume " + dir + ", or choose another --out folder");
            }
        }
    }

    /** @throws IllegalArgumentException if a folder sits where one of the run's files goes */
    void requireNoFolderInTheWay() {
        for (String name : List.of(OPTIONS_FILE, TrainingRun.MODEL_FILE, TrainingRun.METRICS_FILE, TrainingRun.CURVES_FILE)) {
            if (Files.isDirectory(dir.resolve(name))) {
                throw new IllegalArgumentException(dir.resolve(name) + " is a folder; the run writes a file there");
            }
        }
    }

    /**
     * Writes the run's options (before training starts).
     *
     * @param options the options
     * @throws IOException if the file cannot be written (message names it)
     */
    void writeOptions(TrainingOptions options) throws IOException {
        AtomicFiles.write(dir.resolve(OPTIONS_FILE),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(options.settings()));
    }

    /**
     * Reads the options stored by {@link #writeOptions}.
     *
     * @param dir a run folder
     * @return the run's options, or null if the folder has no {@code run.json} (a run of an earlier version)
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is malformed (message names it)
     */
    static TrainingOptions readOptions(Path dir) throws IOException {
        Path file = dir.resolve(OPTIONS_FILE);
        if (!Files.exists(file)) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", e);
        }
        try {
            return TrainingOptions.fromSettings(node, dir);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Keeps the metrics lines of the first {@code epochs} epochs only, one per epoch: lines a killed run wrote after
     * its last checkpoint, or a half-written last line, are dropped.
     *
     * @param epochs the completed epochs of the checkpoint
     * @throws IOException if the file cannot be rewritten
     */
    void keepMetricsOf(int epochs) throws IOException {
        Path file = dir.resolve(TrainingRun.METRICS_FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<String> keep = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            int epoch = epochOf(line);
            if (epoch >= 1 && epoch <= epochs && seen.add(epoch)) {
                keep.add(line);
            }
        }
        if (keep.size() != lines.size()) {
            AtomicFiles.write(file, (String.join("\n", keep) + (keep.isEmpty() ? "" : "\n"))
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int epochOf(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.has("epoch") && n.get("epoch").canConvertToInt() ? n.get("epoch").asInt() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
