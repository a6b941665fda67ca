package dev.skiff.it;

import dev.skiff.it.harness.CommandResult;
import dev.skiff.it.harness.DockerCli;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** Helpers of the container tests: unique names on the shared daemon, polling, cleanup. */
final class Containers {
    private Containers() {
    }

    /** A name no other test uses on the shared daemon. */
    static String unique(String prefix) {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return prefix + "-" + HexFormat.of().formatHex(b);
    }

    /** Polls {@code condition} every 50 ms; fails with {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    /** {@code docker inspect -f FORMAT name}, trimmed. */
    static String inspect(DockerCli docker, String name, String format) {
        return docker.run("inspect", "-f", format, name).assertSuccess().stdout().trim();
    }

    /** Removes containers whatever their state; missing ones are fine. */
    static void removeAll(DockerCli docker, String... names) {
        for (String n : names) {
            CommandResult ignored = docker.run("rm", "-f", n);
        }
    }
}
