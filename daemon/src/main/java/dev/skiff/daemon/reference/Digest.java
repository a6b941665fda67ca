package dev.skiff.daemon.reference;

import dev.skiff.daemon.errors.EngineException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A content digest "algorithm:hex" as in the OCI image spec, validated with the
 * go-digest rules dockerd applies (and its error texts).
 */
public record Digest(String algorithm, String hex) {
    private static final Map<String, Integer> HEX_LENGTHS = Map.of("sha256", 64, "sha384", 96, "sha512", 128);
    private static final Pattern ANY_DIGEST =
            Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    private static final Pattern LOWER_HEX = Pattern.compile("[a-f0-9]+");

    public static Digest parse(String s) {
        int i = s.indexOf(':');
        if (i <= 0 || i + 1 == s.length()) {
            throw EngineException.invalidParameter("invalid checksum digest format");
        }
        String algorithm = s.substring(0, i);
        String hex = s.substring(i + 1);
        Integer length = HEX_LENGTHS.get(algorithm);
        if (length == null) {
            throw EngineException.invalidParameter(ANY_DIGEST.matcher(s).matches()
                    ? "unsupported digest algorithm" : "invalid checksum digest format");
        }
        if (hex.length() != length) {
            throw EngineException.invalidParameter("invalid checksum digest length");
        }
        if (!LOWER_HEX.matcher(hex).matches()) {
            throw EngineException.invalidParameter("invalid checksum digest format");
        }
        return new Digest(algorithm, hex);
    }

    /** Whether {@code s} parses as a digest. */
    public static boolean isDigest(String s) {
        try {
            parse(s);
            return true;
        } catch (EngineException e) {
            return false;
        }
    }

    public static Digest sha256(byte[] content) {
        return new Digest("sha256", HexFormat.of().formatHex(newSha256().digest(content)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh hasher for this digest's algorithm. */
    public MessageDigest newHasher() {
        String jca = switch (algorithm) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalStateException(algorithm);
        };
        try {
            return MessageDigest.getInstance(jca);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code finished} (a completed hasher of this algorithm) produced this digest. */
    public boolean matches(MessageDigest finished) {
        return HexFormat.of().formatHex(finished.digest()).equals(hex);
    }

    /** The first 12 hex characters, as dockerd shows layer and image ids. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }
}
