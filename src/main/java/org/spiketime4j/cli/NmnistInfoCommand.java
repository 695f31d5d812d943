package org.spiketime4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spiketime4j.data.EventStream;
import org.spiketime4j.data.FrameBinning;
import org.spiketime4j.data.NmnistFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spiketime nmnist info FILE.bin}: statistics of one N-MNIST sample file. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Print the number of events, the time span, the ON and OFF counts and, with --frames, the "
                + "event count of each frame of one N-MNIST .bin file.")
final class NmnistInfoCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.bin", description = "an N-MNIST sample file")
    Path file;

    @Option(names = "--frames", paramLabel = "T", description = "also bin the events into T frames")
    Integer frames;

    @Option(names = "--binning", paramLabel = "MODE", defaultValue = "by-event-count",
            converter = BinningConverter.class,
            description = "how to cut frames: by-event-count (the paper's, default) or by-time-window")
    FrameBinning binning;

    @Option(names = "--events", paramLabel = "N", defaultValue = "0",
            description = "also list the first N events (time, x, y, polarity)")
    int listEvents;

    @Override
    public Integer call() throws IOException {
        if (frames != null && (frames < 1 || frames > FrameBinning.MAX_FRAMES)) {
            throw new IllegalArgumentException("--frames must be in 1.." + FrameBinning.MAX_FRAMES + ", got " + frames);
        }
        if (listEvents < 0) {
            throw new IllegalArgumentException("--events must be >= 0, got " + listEvents);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": no such file" + (Files.isDirectory(file) ? " (it is a folder)" : ""));
        }
        EventStream e = NmnistFormat.read(file);
        int n = e.size();
        int on = e.onCount();
        System.out.println("file: " + file);
        System.out.println("events: " + n);
        if (n > 0) {
            System.out.println(String.format(Locale.ROOT, "time: %d .. %d us (span %d us = %.3f ms)",
                    e.timeUs(0), e.timeUs(n - 1), e.spanUs(), e.spanUs() / 1000.0));
        } else {
            System.out.println("time: no events");
        }
        System.out.println("ON: " + on);
        System.out.println("OFF: " + (n - on));
        for (int i = 0; i < Math.min(listEvents, n); i++) {
            System.out.println(String.format(Locale.ROOT, "event %d: t=%d us x=%d y=%d %s", i, e.timeUs(i),
                    e.x(i), e.y(i), e.on(i) ? "ON" : "OFF"));
        }
        if (frames != null) {
            int[][] c = binning.countsPerFrame(e, frames);
            System.out.println("frames: " + frames + " (" + binning + ")");
            for (int t = 0; t < frames; t++) {
                System.out.println(String.format(Locale.ROOT, "frame %d: %d events (ON %d, OFF %d)", t,
                        c[t][0] + c[t][1], c[t][1], c[t][0]));
            }
        }
        return 0;
    }

    /** Accepts {@code by-event-count}, {@code BY_EVENT_COUNT} and the like. */
    static final class BinningConverter implements ITypeConverter<FrameBinning> {
        @Override
        public FrameBinning convert(String value) {
            try {
                return FrameBinning.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a binning; use by-event-count or by-time-window");
            }
        }
    }
}
