package dev.skiff.daemon.registry;

import java.util.List;
import java.util.Optional;

/**
 * Picks the index entry for a platform: same OS and architecture, and a variant the platform
 * can run. An exact variant wins over an older compatible one (arm v7 runs v6 and v5 images);
 * among equals the index order decides, as in containerd's matcher.
 */
public final class PlatformMatcher {
    private final Platform wanted;

    public PlatformMatcher(Platform wanted) {
        this.wanted = Platform.normalize(wanted);
    }

    public Optional<Descriptor> select(List<Descriptor> entries) {
        Descriptor best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Descriptor d : entries) {
            if (d.platform() == null) {
                continue;
            }
            int rank = rank(Platform.normalize(d.platform()));
            if (rank < bestRank) {
                best = d;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** 0 for an exact match, higher for older compatible variants, MAX_VALUE for no match. */
    private int rank(Platform candidate) {
        if (!candidate.os().equals(wanted.os()) || !candidate.architecture().equals(wanted.architecture())) {
            return Integer.MAX_VALUE;
        }
        if (candidate.variant().equals(wanted.variant())) {
            return 0;
        }
        if (wanted.architecture().equals("arm")) {
            List<String> order = List.of("v8", "v7", "v6", "v5");
            int w = order.indexOf(wanted.variant());
            int c = order.indexOf(candidate.variant());
            if (w >= 0 && c > w) {
                return c - w;
            }
        }
        return Integer.MAX_VALUE;
    }
}
