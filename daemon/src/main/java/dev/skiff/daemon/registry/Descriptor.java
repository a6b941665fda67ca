package dev.skiff.daemon.registry;

import dev.skiff.daemon.reference.Digest;

/**
 * A content descriptor from a manifest or index.
 *
 * @param platform only set for index entries
 */
public record Descriptor(String mediaType, Digest digest, long size, Platform platform) {
}
