package dev.skiff.daemon.stats;

import dev.skiff.runtime.ContainerStats;

import java.time.Instant;

/** One reading of a running container's counters and when it was taken. */
public record StatsSample(Instant read, ContainerStats stats) {
}
