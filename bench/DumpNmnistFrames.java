import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spiketime4j.data.FrameBinning;
import org.spiketime4j.data.NmnistFormat;

/**
 * Writes the frames SpikeTime4j's nmnist preset makes of N-MNIST recordings (FrameBinning.BY_EVENT_COUNT, layout
 * [2, T, 34, 34] per recording), one after the other, as little-endian float32, so that
 * check-nmnist-binning.sh can compare them with the binning of bench_ref_nmnist.py value by value.
 * Run as a single-file program: java -cp target/spiketime4j.jar bench/DumpNmnistFrames.java OUT T FILE.bin...
 */
public final class DumpNmnistFrames {

    private DumpNmnistFrames() {
    }

    /**
     * @param args OUT, T, then the recordings
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: DumpNmnistFrames OUT T FILE.bin...");
        }
        int frames = Integer.parseInt(args[1]);
        int per = 2 * frames * NmnistFormat.HEIGHT * NmnistFormat.WIDTH;
        ByteBuffer out = ByteBuffer.allocate(4 * per * (args.length - 2)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 2; i < args.length; i++) {
            for (float v : FrameBinning.BY_EVENT_COUNT.bin(NmnistFormat.read(Path.of(args[i])), frames)) {
                out.putFloat(v);
            }
        }
        Files.write(Path.of(args[0]), out.array());
    }
}
