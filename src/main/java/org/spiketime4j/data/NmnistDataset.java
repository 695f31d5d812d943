package org.spiketime4j.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * One split of an N-MNIST data set in the official layout, real or emulated: {@code ROOT/Train/<digit>/*.bin} and
 * {@code ROOT/Test/<digit>/*.bin}, or the official zip files {@code ROOT/Train.zip} and {@code ROOT/Test.zip}
 * (entries {@code Train/<digit>/*.bin}), or one zip file holding both folders. The label is the digit folder.
 *
 * <p>Only the list of samples is held in memory; each sample's file is read when asked for. The samples are
 * ordered by file name (numerically when the names are numbers; in the official release and in the emulator's
 * output the number is the index of the source MNIST image), then by digit, so that "the first N samples" mixes
 * all classes as MNIST does. Close the data set to release an open zip file.
 */
public final class NmnistDataset implements Closeable {

    private record Sample(int label, String name, long number, Path file, ZipEntry entry) {
    }

    private static final Comparator<Sample> ORDER = Comparator
            .comparingLong(Sample::number)
            .thenComparing(s -> s.name().substring(s.name().lastIndexOf('/') + 1))
            .thenComparingInt(Sample::label);

    private final String description;
    private final List<Sample> samples;
    private final ZipFile zip;

    private NmnistDataset(String description, List<Sample> samples, ZipFile zip) {
        this.description = description;
        this.samples = samples;
        this.zip = zip;
    }

    /**
     * Opens one split.
     *
     * @param root a folder holding {@code Train/} and {@code Test/} (or {@code Train.zip} and {@code Test.zip}),
     *        or a zip file holding both folders
     * @param split which part
     * @return the samples of that split
     * @throws IOException if nothing matching is found (the message says what was looked for) or unreadable
     */
    public static NmnistDataset open(Path root, Split split) throws IOException {
        String folder = split.eventFolder();
        if (Files.isDirectory(root.resolve(folder))) {
            return openFolder(root.resolve(folder));
        }
        Path zipPath = Files.isRegularFile(root) ? root : root.resolve(folder + ".zip");
        if (Files.isRegularFile(zipPath)) {
            return openZip(zipPath, folder);
        }
        throw new NoSuchFileException(root.toString(), null, "no N-MNIST " + folder + " data: expected "
                + root.resolve(folder) + "/<digit>/*.bin or " + root.resolve(folder + ".zip"));
    }

    private static NmnistDataset openFolder(Path dir) throws IOException {
        List<Sample> list = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                String n = e.getFileName().toString();
                if (Files.isDirectory(e) && !n.matches("[0-9]")) {
                    throw new IllegalArgumentException(e + ": a class folder must be named by its digit 0..9, not '"
                            + n + "'");
                }
            }
        }
        for (int d = 0; d < IdxDataset.NUM_CLASSES; d++) {
            Path sub = dir.resolve(Integer.toString(d));
            if (!Files.isDirectory(sub)) {
                continue;
            }
            try (Stream<Path> files = Files.list(sub)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".bin") && Files.isRegularFile(f)) {
                        list.add(new Sample(d, f.toString(), number(n), f, null));
                    }
                }
            }
        }
        return finish(dir.toString(), list, null);
    }

    private static NmnistDataset openZip(Path zipPath, String folder) throws IOException {
        Pattern p = Pattern.compile("(?:^|.*/)" + folder + "/([0-9])/([^/]+\\.bin)$");
        ZipFile zip;
        try {
            zip = new ZipFile(zipPath.toFile());
        } catch (IOException e) {
            throw new IOException(zipPath + ": not a readable zip file (" + e.getMessage() + ")", e);
        }
        List<Sample> list = new ArrayList<>();
        Pattern other = Pattern.compile("(?:^|.*/)" + folder + "/([^/]+)/[^/]+\\.bin$");
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
            ZipEntry e = en.nextElement();
            Matcher m = p.matcher(e.getName());
            Matcher o = other.matcher(e.getName());
            if (!m.matches() && o.matches() && !e.getName().contains("__MACOSX")) {
                zip.close();
                throw new IllegalArgumentException(zipPath + "!" + e.getName() + ": a class folder must be named by "
                        + "its digit 0..9, not '" + o.group(1) + "'");
            }
            if (!e.isDirectory() && m.matches() && !e.getName().contains("__MACOSX")) {
                list.add(new Sample(Integer.parseInt(m.group(1)), zipPath + "!" + e.getName(), number(m.group(2)),
                        null, e));
            }
        }
        try {
            return finish(zipPath + "!" + folder, list, zip);
        } catch (IOException e) {
            zip.close();
            throw e;
        }
    }

    private static NmnistDataset finish(String description, List<Sample> list, ZipFile zip) throws IOException {
        if (list.isEmpty()) {
            throw new NoSuchFileException(description, null, "no <digit>/*.bin sample files found");
        }
        list.sort(ORDER);
        return new NmnistDataset(description, List.copyOf(list), zip);
    }

    /** The number in a file name such as {@code 00042.bin}; names that are not numbers sort after all numbers. */
    private static long number(String fileName) {
        String stem = fileName.endsWith(".bin") ? fileName.substring(0, fileName.length() - 4) : fileName;
        try {
            return Long.parseLong(stem);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** @return where the samples come from */
    public String description() {
        return description;
    }

    /** @return the number of samples */
    public int size() {
        return samples.size();
    }

    /**
     * @param i the sample
     * @return its label, the digit folder it lies in
     */
    public int label(int i) {
        return samples.get(i).label();
    }

    /**
     * @param i the sample
     * @return its file name (for a zip entry: {@code ZIP!ENTRY})
     */
    public String name(int i) {
        return samples.get(i).name();
    }

    /**
     * Reads and decodes one sample.
     *
     * @param i the sample
     * @return its events
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException if it is malformed (message names the file and byte offset)
     */
    public EventStream events(int i) throws IOException {
        Sample s = samples.get(i);
        byte[] bytes;
        if (s.entry() == null) {
            bytes = Files.readAllBytes(s.file());
        } else {
            try (InputStream in = zip.getInputStream(s.entry())) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new IOException(s.name() + ": damaged zip entry (" + e.getMessage() + ")", e);
            }
        }
        return NmnistFormat.decode(bytes, s.name());
    }

    /**
     * Reads and decodes the first {@code count} samples once (in parallel) so that a malformed file is reported
     * now, on the calling thread, and not later from a prefetch thread (where DL4J's
     * {@code AsyncDataSetIterator} can leave the consumer waiting forever).
     *
     * @param count how many samples, from the first
     * @return the total number of events
     * @throws IOException if a file cannot be read (the one with the lowest index)
     * @throws IllegalArgumentException if a file is malformed (the one with the lowest index)
     */
    public long validate(int count) throws IOException {
        int n = Math.min(count, size());
        long[] events = new long[n];
        Exception[] errors = new Exception[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            try {
                events[i] = events(i).size();
            } catch (IOException | RuntimeException e) {
                errors[i] = e;
            }
        });
        for (Exception e : errors) {
            if (e instanceof IOException io) {
                throw io;
            } else if (e != null) {
                throw (RuntimeException) e;
            }
        }
        return LongStream.of(events).sum();
    }

    @Override
    public void close() throws IOException {
        if (zip != null) {
            zip.close();
        }
    }
}
