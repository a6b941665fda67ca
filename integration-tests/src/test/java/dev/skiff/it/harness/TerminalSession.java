package dev.skiff.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A program running on a real terminal: a detached tmux session of 100x30 on a private tmux
 * server, driven with send-keys and read with capture-pane. The pane stays after the program
 * exits, so its last screen can still be read; the exit status is recorded by a wrapper shell
 * (tmux's own pane_dead_status proved unreliable).
 */
public final class TerminalSession implements AutoCloseable {
    public static final int COLUMNS = 100;
    public static final int ROWS = 30;
    private static final String SESSION = "t";
    private static final Duration TMUX_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Runs as the pane's program: waits until the pty is 100x30 (tmux sizes it only after the
     * program has started, and the program must see the final size from its first ioctl), runs
     * the argv, and records its exit status in the file named by $1. A SIGINT from the terminal
     * reaches the program; the shell only traps it (a handler, not an ignore, which exec would pass
     * on) so it survives to record the status.
     */
    private static final String WRAPPER = "status=$1; shift; "
            + "while [ \"$(stty size)\" != '" + ROWS + " " + COLUMNS + "' ]; do sleep 0.01; done; "
            + "trap true INT; \"$@\"; echo $? > \"$status.tmp\" && mv \"$status.tmp\" \"$status\"";
    private static final String CONFIG = """
            set -g remain-on-exit on
            set -g status off
            set -g history-limit 5000
            """;

    private final Path dir;
    private final Path socket;
    private final Path exitStatusFile;

    private TerminalSession(Path dir) {
        this.dir = dir;
        this.socket = dir.resolve("tmux.sock");
        this.exitStatusFile = dir.resolve("exit-status");
    }

    /**
     * Runs {@code command} with {@code env} applied on top of the test JVM's environment (a null value
     * unsets a variable).
     */
    public static TerminalSession start(Map<String, String> env, List<String> command) {
        TerminalSession session = new TerminalSession(TempDirs.create("tty"));
        Path config = session.dir.resolve("tmux.conf");
        try {
            Files.writeString(config, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // env(1) applies the variables and runs the argv as given
        List<String> argv = new ArrayList<>(List.of("sh", "-c", WRAPPER, "sh", session.exitStatusFile.toString(), "env"));
        env.forEach((name, value) -> argv.add(value == null ? "--unset=" + name : name + "=" + value));
        argv.addAll(command);
        List<String> tmux = new ArrayList<>(List.of("tmux", "-S", session.socket.toString(), "-f", config.toString(),
                "new-session", "-d", "-s", SESSION, "-x", String.valueOf(COLUMNS), "-y", String.valueOf(ROWS), "--"));
        tmux.addAll(argv);
        Commands.run(tmux, TMUX_TIMEOUT).assertSuccess();
        return session;
    }

    /** Sends tmux key names, e.g. {@code "Enter"}, {@code "C-p"}, {@code "C-q"}. */
    public void sendKeys(String... keys) {
        List<String> cmd = tmux("send-keys", "-t", SESSION);
        cmd.addAll(List.of(keys));
        Commands.run(cmd, TMUX_TIMEOUT).assertSuccess();
    }

    /** Types {@code text} literally (no key-name interpretation). */
    public void type(String text) {
        List<String> cmd = tmux("send-keys", "-t", SESSION, "-l", "--", text);
        Commands.run(cmd, TMUX_TIMEOUT).assertSuccess();
    }

    /** Resizes the terminal, as a user dragging the window does: the program gets SIGWINCH. */
    public void resize(int columns, int rows) {
        Commands.run(tmux("resize-window", "-t", SESSION, "-x", String.valueOf(columns), "-y", String.valueOf(rows)),
                TMUX_TIMEOUT).assertSuccess();
    }

    /** The visible screen, one line per row, trailing blanks trimmed. */
    public String screen() {
        return Commands.run(tmux("capture-pane", "-p", "-t", SESSION), TMUX_TIMEOUT).assertSuccess().stdout();
    }

    /** Polls the screen until {@code condition} holds; fails the test with the last screen otherwise. */
    public String awaitScreen(Predicate<String> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String screen = screen();
        while (!condition.test(screen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("terminal did not reach the expected state within " + timeout
                        + "; screen:\n" + screen);
            }
            Waits.pause();
            screen = screen();
        }
        return screen;
    }

    public String awaitText(String text, Duration timeout) {
        return awaitScreen(s -> s.contains(text), timeout);
    }

    /** The program's exit status once it has exited (128+n if a signal n killed it). */
    public Optional<Integer> exitStatus() {
        try {
            return Optional.of(Integer.parseInt(Files.readString(exitStatusFile).trim()));
        } catch (NoSuchFileException stillRunning) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int awaitExit(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<Integer> status = exitStatus();
        while (status.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("program on the terminal still running after " + timeout
                        + "; screen:\n" + screen());
            }
            Waits.pause();
            status = exitStatus();
        }
        return status.get();
    }

    /** Kills the private tmux server (and with it the program, by SIGHUP) and removes its files. */
    @Override
    public void close() {
        Commands.run(tmux("kill-server"), TMUX_TIMEOUT);
        TempDirs.deleteRecursively(dir);
    }

    private List<String> tmux(String... args) {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

}
