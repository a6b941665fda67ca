package dev.skiff.runtime.namespace;

import dev.skiff.runtime.linux.Linux;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Opens sockets inside a container's network namespace, whose loopback is where its published ports
 * lead. A socket belongs to the namespace of the thread that created it, whichever thread uses it
 * later, so one thread of its own joins the namespace and creates them all. That thread never starts
 * threads (they would inherit the namespace), and callers must not chain work onto the futures it
 * completes without naming their own executor.
 */
public final class ContainerNetwork implements AutoCloseable {
    /** Opening a loopback socket does not block; a thread still busy after this is left its fd. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final Native nat = Native.get();
    private final int nsFd;
    private final ExecutorService thread;

    private ContainerNetwork(int nsFd, String name) {
        this.nsFd = nsFd;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The network namespace of the running process {@code pid}. */
    public static ContainerNetwork of(int pid) throws IOException {
        Native nat = Native.get();
        int fd = nat.check(nat.libc().openat(Linux.AT_FDCWD, "/proc/" + pid + "/ns/net",
                Linux.O_RDONLY | Linux.O_CLOEXEC, 0), "open the network namespace of " + pid);
        return new ContainerNetwork(fd, "skiff-netns-" + pid);
    }

    /** A TCP connection to {@code port} on the container's loopback. */
    public CompletableFuture<SocketChannel> connectTcp(int port) {
        return CompletableFuture.supplyAsync(() -> {
            join();
            try {
                return SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, thread);
    }

    /** A UDP socket connected to {@code port} on the container's loopback. */
    public CompletableFuture<DatagramChannel> connectUdp(int port) {
        return CompletableFuture.supplyAsync(() -> {
            join();
            try {
                DatagramChannel ch = DatagramChannel.open();
                ch.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return ch;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, thread);
    }

    /** Joins the namespace; again for every socket, so a replaced worker thread cannot miss it. */
    private void join() {
        if (nat.libc().setns(nsFd, Linux.CLONE_NEWNET) < 0) {
            throw new UncheckedIOException(new LinuxException("setns into the container's network", nat.errno()));
        }
    }

    /**
     * Stops the thread, then closes the namespace fd: never the other way round, or a socket being
     * opened could join whatever namespace the fd number was given to meanwhile.
     */
    @Override
    public void close() {
        thread.shutdownNow();
        boolean stopped = false;
        try {
            stopped = thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped) {
            nat.libc().close(nsFd);
        }
    }
}
