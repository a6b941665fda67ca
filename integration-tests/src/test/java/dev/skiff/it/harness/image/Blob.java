package dev.skiff.it.harness.image;

/** Bytes as a registry stores them, with the media type a manifest refers to them by. */
public record Blob(String mediaType, byte[] bytes) {

    public String digest() {
        return Digests.sha256(bytes);
    }

    public int size() {
        return bytes.length;
    }
}
