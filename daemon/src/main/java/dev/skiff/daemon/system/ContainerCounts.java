package dev.skiff.daemon.system;

/** Container totals by state, for /info. */
public record ContainerCounts(int total, int running, int paused, int stopped) {
}
