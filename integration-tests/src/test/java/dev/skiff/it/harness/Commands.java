package dev.skiff.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion with a deadline. Output goes to temporary files rather
 * than pipes so a chatty program can never block on a full pipe while we wait for it.
 */
public final class Commands {
    private static final File DEV_NULL = new File("/dev/null");

    private Commands() {
    }

    public static CommandResult run(List<String> command, Duration timeout) {
        return run(command, Map.of(), null, timeout);
    }

    /**
     * @param env   variables added to (or replacing) the test JVM's environment; a null value removes one
     * @param stdin bytes written to the program's standard input, then closed; null for /dev/null
     */
    public static CommandResult run(List<String> command, Map<String, String> env, byte[] stdin, Duration timeout) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("skiff-it-out-", ".txt");
            err = Files.createTempFile("skiff-it-err-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            env.forEach((name, value) -> {
                if (value == null) {
                    pb.environment().remove(name);
                } else {
                    pb.environment().put(name, value);
                }
            });
            if (stdin == null) {
                pb.redirectInput(DEV_NULL);
            }
            Process process = pb.start();
            if (stdin != null) {
                feed(process, stdin);
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                throw new AssertionError(new CommandResult(command, -1, read(out), read(err))
                        .describe("did not finish within " + timeout));
            }
            return new CommandResult(command, process.exitValue(), read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Writes stdin on its own thread: a program may fill its output before it reads all its input. */
    private static void feed(Process process, byte[] stdin) {
        Thread writer = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // The program closed its input early; what it printed tells the test why.
            }
        }, "stdin-" + process.pid());
        writer.setDaemon(true);
        writer.start();
    }

    private static String read(Path file) throws IOException {
        // lenient: a program may print bytes that are not UTF-8
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
