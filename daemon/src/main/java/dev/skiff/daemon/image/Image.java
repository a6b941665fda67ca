package dev.skiff.daemon.image;

import dev.skiff.daemon.reference.Digest;

import java.time.Instant;
import java.util.List;

/**
 * An image in the store.
 *
 * @param id          sha256 of the config blob
 * @param config      its parsed configuration
 * @param chainIds    layer chain ids, bottom-most first (one per config diff id)
 * @param size        bytes of file content over all its layers (dockerd's Size/VirtualSize)
 * @param parent      local parent image (set by commit/build), or null
 * @param lastTagTime when a tag last pointed here, or null
 */
public record Image(Digest id, ImageConfig config, List<String> chainIds, long size, Digest parent, Instant lastTagTime) {
}
