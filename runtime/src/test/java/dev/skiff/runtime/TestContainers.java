package dev.skiff.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Specs over the busybox image and a shared runtime for the kernel tests. */
final class TestContainers {
    static final String CGROUP_PARENT = "skiff-test";
    static final Path EXEC_ROOT = Path.of("/run/skiff-test");
    static final List<String> ENV = List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME=/root");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static ContainerRuntime runtime;

    private TestContainers() {
    }

    static synchronized ContainerRuntime runtime() throws IOException {
        if (runtime == null) {
            runtime = ContainerRuntime.open(EXEC_ROOT);
        }
        return runtime;
    }

    static ProcessSpec process(String... args) {
        return new ProcessSpec(List.of(args), ENV, "/", 0, 0, List.of(), false, null, false);
    }

    static ContainerSpec spec(ProcessSpec process) throws IOException, InterruptedException {
        return spec(process, List.of(), Resources.NONE);
    }

    static ContainerSpec spec(ProcessSpec process, List<BindMount> mounts, Resources resources)
            throws IOException, InterruptedException {
        String id = "t" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        Path dir = Files.createDirectories(EXEC_ROOT.resolve("containers").resolve(id));
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Path work = Files.createDirectories(dir.resolve("work"));
        return new ContainerSpec(id, "box-" + id, "", List.of(BusyboxImage.layer()), upper, work,
                dir.resolve("rootfs"), mounts, process, resources, CGROUP_PARENT, null);
    }

    /** Removes the writable layer too (teardown leaves it to the daemon). */
    static void removeContainerDir(ContainerSpec spec) {
        deleteTree(spec.upperDir().getParent());
    }

    static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Output and status of a finished process. */
    record Result(String stdout, String stderr, ExitStatus status) {
    }

    /** Starts, collects stdout/stderr until exit, tears down. */
    static Result run(ContainerSpec spec) throws Exception {
        Container c = runtime().start(spec);
        try {
            return collect(c);
        } finally {
            runtime().teardown(spec);
            removeContainerDir(spec);
        }
    }

    static Result collect(ContainerProcess p) throws Exception {
        CompletableFuture<String> out = drain(p.stdout());
        CompletableFuture<String> err = p.stderr() == null ? CompletableFuture.completedFuture("") : drain(p.stderr());
        ExitStatus status = p.exit().get(20, TimeUnit.SECONDS);
        return new Result(out.get(20, TimeUnit.SECONDS), err.get(20, TimeUnit.SECONDS), status);
    }

    static CompletableFuture<String> drain(InputStream in) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (in) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                result.complete(buf.toString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "drain");
        t.start();
        return result;
    }

    static List<String> lines(String s) {
        return new ArrayList<>(s.lines().toList());
    }
}
