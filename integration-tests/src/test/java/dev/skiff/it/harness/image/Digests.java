package dev.skiff.it.harness.image;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests in the registry's {@code sha256:<hex>} form. */
public final class Digests {
    private Digests() {
    }

    public static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The hex part of a digest, e.g. the 64 characters of an image ID. */
    public static String hex(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
