package dev.skiff.runtime.layer;

import java.nio.file.Path;

/**
 * A registered layer.
 *
 * @param chainId       sha256 chain id ("sha256:..."), the layer's name in the store
 * @param diffId        sha256 of the uncompressed layer tar
 * @param parentChainId chain id of the layer below, or null for a base layer
 * @param size          bytes in this layer alone, counted as dockerd's overlay2 does (files, link targets; hard links once)
 * @param diffDir       the extracted layer in overlay format (a lowerdir for overlayfs)
 */
public record LayerInfo(String chainId, String diffId, String parentChainId, long size, Path diffDir) {
}
