package org.spiketime4j.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes files so that a reader (or a later run) sees either the old content or the new one, never a part: the
 * content goes to a temporary file {@code .NAME.*.tmp} in the same folder, which is then renamed over the target.
 * A failure (full disk, permissions, a kill) leaves the previous file as it was, and the error names the file and
 * says so.
 */
public final class AtomicFiles {

    /** Suffix of the temporary files; {@link #removeLeftovers} deletes those a killed process left behind. */
    public static final String TMP_SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out the stream (closed by the caller)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes the content of a file to a path (for writers that insist on a file of their own). */
    @FunctionalInterface
    public interface FileContent {
        /**
         * @param file a fresh empty file to write
         * @throws IOException if writing fails
         */
        void writeTo(Path file) throws IOException;
    }

    /**
     * Replaces (or creates) a file atomically; its folder must exist or be creatable.
     *
     * @param file    the target
     * @param content what to write
     * @throws IOException if writing fails; the message names the file and says that its previous content is kept
     */
    public static void write(Path file, Content content) throws IOException {
        writeFile(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
        });
    }

    /**
     * Replaces (or creates) a file atomically with the given bytes.
     *
     * @param file  the target
     * @param bytes the content
     * @throws IOException if writing fails (message names the file)
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /**
     * Replaces (or creates) a file atomically, the content written by a writer that takes a path.
     *
     * @param file    the target
     * @param content writes a temporary file in the target's folder
     * @throws IOException if writing fails (message names the file)
     */
    public static void writeFile(Path file, FileContent content) throws IOException {
        if (file.toString().isBlank()) {
            throw new IllegalArgumentException("no file to write: the path is empty");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot write " + file + ": it is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {    // replacing /dev/null by a file would break it
            throw new IOException("cannot write " + file + ": it is not a regular file (a device, a pipe or a "
                    + "socket); give the path of a file");
        }
        Path dir = file.toAbsolutePath().getParent();
        Path name = dir.resolve("." + file.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + TMP_SUFFIX);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            // not Files.createTempFile: its files are private (0600); this one gets the permissions of the umask
            tmp = Files.createFile(name);
            content.writeTo(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            String why = e instanceof FileSystemException f && name.toString().equals(f.getFile())
                    ? reason(new FileSystemException(dir.toString(), null, f.getReason())) : reason(e);
            throw new IOException("cannot write " + file + ": " + why
                    + (Files.isRegularFile(file) ? " (its previous content is kept)" : ""), e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Deletes the temporary files that an interrupted {@link #write} of a file in {@code dir} left behind.
     *
     * @param dir a folder
     * @throws IOException if the folder cannot be listed or a leftover cannot be deleted
     */
    public static void removeLeftovers(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(TMP_SUFFIX) && Files.isRegularFile(f)) {
                    Files.delete(f);
                }
            }
        }
    }

    /**
     * Says in words what an I/O error was, with the path it concerns (Java's file-system exceptions often carry
     * only the bare path as their message).
     *
     * @param e the error
     * @return for example {@code "/data/x: permission denied"} or {@code "No space left on device"}
     */
    public static String reason(IOException e) {
        if (e instanceof FileSystemException f) {
            String what;
            if (e instanceof AccessDeniedException) {
                what = "permission denied";
            } else if (e instanceof NoSuchFileException) {
                what = "no such file or folder";
            } else if (e instanceof FileAlreadyExistsException) {
                what = "already exists";
            } else if (e instanceof NotDirectoryException) {
                what = "not a folder";
            } else if (e instanceof DirectoryNotEmptyException) {
                what = "folder not empty";
            } else {
                what = f.getReason() == null ? e.getClass().getSimpleName() : f.getReason();
            }
            String where = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
            String extra = f.getReason() != null && !what.equals(f.getReason()) ? " (" + f.getReason() + ")" : "";
            return where.isEmpty() ? what + extra : where + ": " + what + extra;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
