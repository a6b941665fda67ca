package dev.skiff.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.skiff.runtime.TestContainers.process;
import static dev.skiff.runtime.TestContainers.runtime;
import static dev.skiff.runtime.TestContainers.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 200 start + wait + teardown cycles leave the daemon exactly as they found it: mounts, cgroups, fds,
 * threads. Also reports the start cost.
 */
class ContainerLeakTest {
    private static final int CYCLES = 200;

    private record Snapshot(String mounts, Set<String> cgroups, Set<String> fds, Set<String> javaThreads,
                            List<String> nativeThreadNames) {
    }

    @Test
    void repeatedStartsLeakNothing() throws Exception {
        for (int i = 0; i < 5; i++) {
            cycle(); // warm-up: lazily created JDK and test-harness state
        }
        Snapshot before = snapshot();
        long[] startNanos = new long[CYCLES];
        long[] cycleNanos = new long[CYCLES];
        for (int i = 0; i < CYCLES; i++) {
            long[] t = cycle();
            startNanos[i] = t[0];
            cycleNanos[i] = t[1];
        }
        Snapshot after = snapshot();
        assertEquals("", after.mounts());
        assertEquals(before.mounts(), after.mounts());
        assertEquals(before.cgroups(), after.cgroups());
        assertEquals(before.fds(), after.fds());
        assertEquals(before.javaThreads(), after.javaThreads());
        assertEquals(List.of(), after.nativeThreadNames().stream().filter(n -> n.startsWith("skiff-st")
                || n.startsWith("skiff-ex")).toList(), "start/exec threads left");
        System.out.printf("start() median %.2f ms; start+run+reap+teardown median %.2f ms (%d cycles)%n",
                median(startNanos) / 1e6, median(cycleNanos) / 1e6, CYCLES);
    }

    @Test
    void repeatedExecsLeakNothing() throws Exception {
        ContainerSpec spec = spec(process("sleep", "1000"));
        Container c = runtime().start(spec);
        try {
            for (int i = 0; i < 5; i++) {
                execTrue(c);
            }
            Snapshot before = snapshot();
            long[] execNanos = new long[100];
            for (int i = 0; i < execNanos.length; i++) {
                long t0 = System.nanoTime();
                execTrue(c);
                execNanos[i] = System.nanoTime() - t0;
            }
            Snapshot after = snapshot();
            assertEquals(before.fds(), after.fds());
            assertEquals(before.javaThreads(), after.javaThreads());
            assertEquals(List.of(c.pid()), c.processIds());
            System.out.printf("exec+run+reap median %.2f ms%n", median(execNanos) / 1e6);
        } finally {
            c.kill(9);
            c.exit().get(10, TimeUnit.SECONDS);
            c.stdout().close();
            c.stderr().close();
            runtime().teardown(spec);
            TestContainers.removeContainerDir(spec);
        }
    }

    private static void execTrue(Container c) throws Exception {
        ContainerProcess p = c.exec(process("true"));
        p.stdout().readAllBytes();
        p.stderr().readAllBytes();
        assertEquals(0, p.exit().get(10, TimeUnit.SECONDS).statusCode());
        p.stdout().close();
        p.stderr().close();
    }

    /** Returns {nanos until start() returned, nanos for the whole cycle}. */
    private static long[] cycle() throws Exception {
        ContainerSpec spec = spec(process("true"));
        long t0 = System.nanoTime();
        Container c = runtime().start(spec);
        long t1 = System.nanoTime();
        c.stdout().readAllBytes();
        c.stderr().readAllBytes();
        assertEquals(0, c.exit().get(10, TimeUnit.SECONDS).statusCode());
        c.stdout().close();
        c.stderr().close();
        runtime().teardown(spec);
        long t2 = System.nanoTime();
        TestContainers.removeContainerDir(spec);
        return new long[] {t1 - t0, t2 - t0};
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static Snapshot snapshot() throws IOException {
        Set<String> cgroups = new TreeSet<>();
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path parent = h.resolve(TestContainers.CGROUP_PARENT);
                if (Files.isDirectory(parent)) {
                    try (Stream<Path> children = Files.list(parent)) {
                        children.filter(Files::isDirectory).forEach(p -> cgroups.add(p.toString()));
                    }
                }
            }
        }
        Set<String> fds = new TreeSet<>();
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : list.toList()) {
                try {
                    fds.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // the fd of the directory listing itself
                }
            }
        }
        Set<String> javaThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> nativeNames = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    nativeNames.add(Files.readString(task.resolve("comm")).trim());
                } catch (java.nio.file.NoSuchFileException endedMeanwhile) {
                    // a short-lived JVM thread ended between the listing and the read
                }
            }
        }
        // only the host mounts of this runtime: other users of the machine mount and unmount meanwhile
        String mounts = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(line -> line.contains(TestContainers.EXEC_ROOT.toString()))
                .collect(Collectors.joining("\n"));
        return new Snapshot(mounts, cgroups, fds, javaThreads, nativeNames);
    }
}
