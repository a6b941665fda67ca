package dev.skiff.daemon.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The json-file log: writing with rotation, and reading with tail, since/until, streams and follow. */
class LogReaderTest {
    @TempDir
    Path dir;

    private static LogEntry entry(String stream, String text, long second) {
        return new LogEntry(stream, text.getBytes(StandardCharsets.UTF_8), Instant.ofEpochSecond(1_800_000_000L + second));
    }

    /** out 1, err 1, out 2, err 2, ... at seconds 1, 2, 3, ... */
    private JsonFileLog writeLogger(Path log, LogOptions options, int pairs) throws IOException {
        JsonFileLog w = new JsonFileLog(log, options);
        for (int i = 1; i <= pairs; i++) {
            w.append(entry("stdout", "out " + i + "\n", 2L * i - 1));
            w.append(entry("stderr", "err " + i + "\n", 2L * i));
        }
        return w;
    }

    private static List<String> read(Path log, int maxFile, LogQuery q) throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        LogReader.read(log, maxFile, q, null, collecting(got), () -> false);
        return got;
    }

    @Test
    void tailCountsBothStreamsBeforeTheStreamSelection() throws Exception {
        Path log = dir.resolve("c-json.log");
        writeLogger(log, LogOptions.UNLIMITED, 21).close();
        assertEquals(List.of("out 21", "err 21"), read(log, 1, new LogQuery(true, true, null, null, 2, false)));
        assertEquals(List.of("err 21"), read(log, 1, new LogQuery(false, true, null, null, 2, false)));
        assertEquals(List.of(), read(log, 1, new LogQuery(true, true, null, null, 0, false)));
        assertEquals(42, read(log, 1, new LogQuery(true, true, null, null, LogQuery.ALL, false)).size());
    }

    @Test
    void tailSpansRotatedFilesNewestBackwards() throws Exception {
        Path log = dir.resolve("c-json.log");
        int recordSize = JsonLogCodec.encode(entry("stdout", "out 1\n", 1)).length;
        writeLogger(log, new LogOptions(recordSize * 5L, 4), 8).close();
        assertTrue(Files.exists(LogFiles.rotated(log, 3)));
        List<String> all = read(log, 4, new LogQuery(true, true, null, null, LogQuery.ALL, false));
        for (int n = 0; n <= all.size() + 2; n++) {
            assertEquals(all.subList(Math.max(0, all.size() - n), all.size()),
                    read(log, 4, new LogQuery(true, true, null, null, n, false)), "tail " + n);
        }
    }

    @Test
    void tailIsTakenBeforeTheTimeFilter() throws Exception {
        Path log = dir.resolve("c-json.log");
        writeLogger(log, LogOptions.UNLIMITED, 5).close();
        Instant since = Instant.ofEpochSecond(1_800_000_000L + 8);
        assertEquals(List.of("err 4", "out 5", "err 5"), read(log, 1, new LogQuery(true, true, since, null, 4, false)));
        Instant until = Instant.ofEpochSecond(1_800_000_000L + 2);
        assertEquals(List.of(), read(log, 1, new LogQuery(true, true, null, until, 4, false)));
    }

    @Test
    void aRecordBeingWrittenIsLeftOutOfTheTailAndFollowedOnceComplete() throws Exception {
        Path log = dir.resolve("c-json.log");
        writeLogger(log, LogOptions.UNLIMITED, 2).close();
        byte[] record = JsonLogCodec.encode(entry("stdout", "out 3\n", 5));
        int half = record.length / 2;
        Files.write(log, Arrays.copyOf(record, half), StandardOpenOption.APPEND);
        assertEquals(List.of("out 2", "err 2"), read(log, 1, new LogQuery(true, true, null, null, 2, false)));

        // a follower starts with the half record there and gets it whole once the rest is written
        JsonFileLog live = new JsonFileLog(log, LogOptions.UNLIMITED);
        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> follower = follow(log, 1, 1, live, collecting(got));
        long deadline = System.currentTimeMillis() + 5000;
        awaitRecords(got, 1, deadline);
        Files.write(log, Arrays.copyOfRange(record, half, record.length), StandardOpenOption.APPEND);
        live.append(entry("stderr", "err 3\n", 6));
        live.close();
        follower.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("err 2", "out 3", "err 3"), got);
    }

    @Test
    void tailOfAnEmptyOrMissingLogIsNothing() throws Exception {
        Path log = dir.resolve("c-json.log");
        assertEquals(List.of(), read(log, 3, new LogQuery(true, true, null, null, 5, false)));
        Files.createFile(log);
        assertEquals(List.of(), read(log, 3, new LogQuery(true, true, null, null, 5, false)));
        assertEquals(List.of(), read(log, 3, new LogQuery(true, true, null, null, LogQuery.ALL, false)));
    }

    @Test
    void sinceAndUntilSelectByRecordTime() throws Exception {
        Path log = dir.resolve("c-json.log");
        writeLogger(log, LogOptions.UNLIMITED, 5).close();
        Instant since = Instant.ofEpochSecond(1_800_000_000L + 7);
        Instant until = Instant.ofEpochSecond(1_800_000_000L + 9);
        assertEquals(List.of("out 4", "err 4", "out 5"), read(log, 1, new LogQuery(true, true, since, until, LogQuery.ALL, false)));
    }

    @Test
    void rotationKeepsMaxFileFilesAndReadingSpansThemOldestFirst() throws Exception {
        Path log = dir.resolve("c-json.log");
        int recordSize = JsonLogCodec.encode(entry("stdout", "out 1\n", 1)).length;
        writeLogger(log, new LogOptions(recordSize * 4L, 3), 10).close();
        assertTrue(Files.exists(LogFiles.rotated(log, 1)));
        assertTrue(Files.exists(LogFiles.rotated(log, 2)));
        assertFalse(Files.exists(LogFiles.rotated(log, 3)));
        List<String> all = read(log, 3, new LogQuery(true, true, null, null, LogQuery.ALL, false));
        assertEquals(List.of("out 9", "err 9", "out 10", "err 10"), all.subList(all.size() - 4, all.size()));
        assertTrue(all.size() <= 12 && all.size() > 4, "older records were dropped: " + all);
    }

    @Test
    void aBatchRotatesBetweenItsRecordsAsSingleAppendsDo() throws Exception {
        Path one = dir.resolve("one-json.log");
        Path batch = dir.resolve("batch-json.log");
        int recordSize = JsonLogCodec.encode(entry("stdout", "out 1\n", 1)).length;
        LogOptions options = new LogOptions(recordSize * 4L, 3);
        writeLogger(one, options, 5).close();
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(entry("stdout", "out " + i + "\n", 2L * i - 1));
            entries.add(entry("stderr", "err " + i + "\n", 2L * i));
        }
        try (JsonFileLog w = new JsonFileLog(batch, options)) {
            w.append(entries);
        }
        for (int i = 0; i <= 2; i++) {
            Path a = i == 0 ? one : LogFiles.rotated(one, i);
            Path b = i == 0 ? batch : LogFiles.rotated(batch, i);
            assertEquals(Files.readString(a), Files.readString(b), "file " + i);
        }
    }

    @Test
    void withOneFileTheLogIsTruncatedWhenFull() throws Exception {
        Path log = dir.resolve("c-json.log");
        int recordSize = JsonLogCodec.encode(entry("stdout", "out 1\n", 1)).length;
        writeLogger(log, new LogOptions(recordSize * 2L, 1), 3).close();
        assertFalse(Files.exists(LogFiles.rotated(log, 1)));
        assertEquals(List.of("out 3", "err 3"), read(log, 1, new LogQuery(true, true, null, null, LogQuery.ALL, false)));
    }

    @Test
    void followWithTailZeroSendsOnlyWhatIsWrittenAfterwards() throws Exception {
        Path log = dir.resolve("c-json.log");
        JsonFileLog live = writeLogger(log, LogOptions.UNLIMITED, 3);
        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> caughtUp = new CompletableFuture<>();
        CompletableFuture<Void> follower = follow(log, 1, 0, live, new LogReader.Sink() {
            @Override
            public void accept(LogEntry e) {
                got.add(text(e));
            }

            @Override
            public void caughtUp() {
                caughtUp.complete(null);
            }
        });
        caughtUp.get(5, TimeUnit.SECONDS);
        live.append(entry("stdout", "out 4\n", 10));
        live.close();
        follower.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("out 4"), got);
    }

    @Test
    void aFollowerThatFallsBehindSeveralRotationsReadsTheFilesInBetween() throws Exception {
        Path log = dir.resolve("c-json.log");
        int recordSize = JsonLogCodec.encode(entry("stdout", "out 1\n", 1)).length;
        JsonFileLog live = writeLogger(log, new LogOptions(recordSize * 2L, 5), 1);
        List<String> got = new CopyOnWriteArrayList<>();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> follower = follow(log, 5, 1, live, e -> {
            got.add(text(e));
            if (got.size() == 1) {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException ex) {
                    throw new InterruptedIOException();
                }
            }
        });
        assertTrue(held.await(5, TimeUnit.SECONDS));
        // three rotations while the follower is busy: its file becomes .3, written after it are .2 and .1
        for (int i = 2; i <= 7; i++) {
            live.append(entry("stdout", "out " + i + "\n", 10 + i));
        }
        assertTrue(Files.exists(LogFiles.rotated(log, 3)));
        release.countDown();
        live.close();
        follower.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("err 1", "out 2", "out 3", "out 4", "out 5", "out 6", "out 7"), got);
    }

    @Test
    void followStreamsNewRecordsAcrossARotationAndEndsWhenTheLogCloses() throws Exception {
        Path log = dir.resolve("c-json.log");
        int recordSize = JsonLogCodec.encode(entry("stdout", "out 1\n", 1)).length;
        JsonFileLog live = writeLogger(log, new LogOptions(recordSize * 3L, 2), 1);
        List<String> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> follower = follow(log, 2, 1, live, collecting(got));
        long deadline = System.currentTimeMillis() + 5000;
        awaitRecords(got, 1, deadline);
        for (int i = 2; i <= 4; i++) {
            live.append(entry("stdout", "out " + i + "\n", 10 + i));
        }
        awaitRecords(got, 4, deadline);
        assertFalse(follower.isDone());
        live.close();
        follower.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("err 1", "out 2", "out 3", "out 4"), got);
    }

    /** Follows the log on another thread; the future ends when the log is closed. */
    private static CompletableFuture<Void> follow(Path log, int maxFiles, int tail, JsonFileLog live, LogReader.Sink sink) {
        return CompletableFuture.runAsync(() -> {
            try {
                LogReader.read(log, maxFiles, new LogQuery(true, true, null, null, tail, true), live, sink, () -> false);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static LogReader.Sink collecting(List<String> got) {
        return e -> got.add(text(e));
    }

    private static String text(LogEntry e) {
        return new String(e.line(), StandardCharsets.UTF_8).trim();
    }

    private static void awaitRecords(List<String> got, int count, long deadline) throws InterruptedException {
        while (got.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }
}
