package dev.skiff.daemon.logs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of one container log as they were at one moment: the rotated generations oldest first,
 * then the current file, each with its size then. Reading up to those sizes gives exactly the records
 * written before that moment, however the log grows or rotates meanwhile.
 */
final class LogSnapshot implements AutoCloseable {
    /** An open file of the log and its size at the moment of the snapshot. */
    record LogFile(FileChannel channel, long size) {
    }

    private final List<LogFile> files;
    private final LogFile current;
    private final long rotations;

    private LogSnapshot(List<LogFile> files, LogFile current, long rotations) {
        this.files = files;
        this.current = current;
        this.rotations = rotations;
    }

    /**
     * Opens the files of the log at {@code current}; with the {@code live} writer of a running
     * container, while it neither appends nor rotates.
     */
    static LogSnapshot open(Path current, int maxFile, JsonFileLog live) throws IOException {
        if (live == null) {
            return openFiles(LogFiles.rotatedOldestFirst(current, maxFile), current, 0);
        }
        return live.atOneMoment(() -> openFiles(LogFiles.rotatedOldestFirst(current, maxFile), current, live.rotations()));
    }

    /**
     * For a follower whose file was current until rotation {@code seenRotations}: the files written
     * after it, that is the generations current since (those max-file still keeps) and the current one.
     */
    static LogSnapshot openNewerThan(Path current, int maxFile, JsonFileLog live, long seenRotations) throws IOException {
        return live.atOneMoment(() -> {
            long rotations = live.rotations();
            // after n rotations the file the follower read is generation n; those after it are n-1 down to 1
            List<Path> newer = new ArrayList<>();
            for (long g = Math.min(rotations - seenRotations - 1, maxFile - 1); g >= 1; g--) {
                newer.add(LogFiles.rotated(current, (int) g));
            }
            return openFiles(newer, current, rotations);
        });
    }

    private static LogSnapshot openFiles(List<Path> rotated, Path current, long rotations) throws IOException {
        List<LogFile> files = new ArrayList<>();
        try {
            for (Path p : rotated) {
                LogFile f = openFile(p);
                if (f != null) {
                    files.add(f);
                }
            }
            LogFile cur = openFile(current);
            if (cur != null) {
                files.add(cur);
            }
            return new LogSnapshot(List.copyOf(files), cur, rotations);
        } catch (IOException | RuntimeException e) {
            closeAll(files);
            throw e;
        }
    }

    /** The file opened with its size; null when it does not exist (rotated away or never written). */
    private static LogFile openFile(Path p) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(p, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            return new LogFile(ch, ch.size());
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** Every file, oldest first, the current one last. */
    List<LogFile> files() {
        return files;
    }

    /** The current file; null when there was none. */
    LogFile current() {
        return current;
    }

    /** The writer's rotation count at the moment of the snapshot. */
    long rotations() {
        return rotations;
    }

    /**
     * Where reading must start in each file (indexed as {@link #files()}) to get the last {@code tail}
     * lines of the log, counted from the newest file backwards as dockerd counts them: every line,
     * whatever its stream or time. Negative means all; the current file's start is never past its
     * last complete line, so that a record being written is read once complete.
     */
    long[] tailStarts(int tail) throws IOException {
        long[] starts = new long[files.size()];
        if (tail < 0) {
            return starts;
        }
        int remaining = tail;
        for (int i = files.size() - 1; i >= 0; i--) {
            LogFile f = files.get(i);
            if (remaining == 0 && f != current) {
                starts[i] = f.size();
                continue;
            }
            TailScanner.Tail t = TailScanner.find(f.channel(), f.size(), remaining);
            starts[i] = t.start();
            remaining -= t.lines();
        }
        return starts;
    }

    @Override
    public void close() throws IOException {
        closeAll(files);
    }

    private static void closeAll(List<LogFile> files) throws IOException {
        IOException failure = null;
        for (LogFile f : files) {
            try {
                f.channel().close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
