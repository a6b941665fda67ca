package dev.skiff.cli.format;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference {@code [domain/]path[:tag][@digest]} normalized as docker does:
 * {@code busybox} is {@code docker.io/library/busybox}, {@code me/app} is {@code docker.io/me/app},
 * and the first path component is a registry only if it has a '.' or ':' or is {@code localhost}.
 */
public record ImageReference(String domain, String path, String tag, String digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int NAME_MAX = 255;

    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
    private static final Pattern REFERENCE = Pattern.compile(
            "(" + DOMAIN + ")/(" + COMPONENT + "(?:/" + COMPONENT + ")*)"
                    + "(?::([\\w][\\w.-]{0,127}))?"
                    + "(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");
    private static final Pattern FULL_ID = Pattern.compile("[a-f0-9]{64}");

    /** Parses a reference as typed by a user; throws with docker's wording when it is invalid. */
    public static ImageReference parseNormalized(String text) {
        if (FULL_ID.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "invalid repository name (" + text + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain;
        String remainder;
        int slash = text.indexOf('/');
        String first = slash < 0 ? "" : text.substring(0, slash);
        if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost")
                && first.toLowerCase(Locale.ROOT).equals(first))) {
            domain = DEFAULT_DOMAIN;
            remainder = text;
        } else {
            domain = first;
            remainder = text.substring(slash + 1);
        }
        if (domain.equals("index.docker.io")) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && !remainder.contains("/")) {
            remainder = OFFICIAL_PREFIX + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon >= 0 ? remainder.substring(0, colon) : remainder;
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw new IllegalArgumentException(
                    "invalid reference format: repository name (" + remoteName + ") must be lowercase");
        }
        Matcher m = REFERENCE.matcher(domain + "/" + remainder);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid reference format");
        }
        if (m.group(1).length() + 1 + m.group(2).length() > NAME_MAX) {
            throw new IllegalArgumentException("repository name must not be more than 255 characters");
        }
        return new ImageReference(m.group(1), m.group(2), m.group(3), m.group(4));
    }

    /** The same reference with {@code :latest} added when it has neither tag nor digest. */
    public ImageReference withDefaultTag() {
        return tag == null && digest == null ? new ImageReference(domain, path, DEFAULT_TAG, null) : this;
    }

    /** The fully qualified repository, e.g. {@code docker.io/library/busybox}. */
    public String name() {
        return domain + "/" + path;
    }

    /** The repository as users write it, e.g. {@code busybox} or {@code me/app}. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_PREFIX.length());
        }
        return path;
    }

    public String familiarString() {
        return familiarName() + suffix();
    }

    /** The tag or the digest: what the daemon expects in the {@code tag} parameter of a pull. */
    public String tagOrDigest() {
        return digest != null ? digest : tag;
    }

    private String suffix() {
        return (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    @Override
    public String toString() {
        return name() + suffix();
    }
}
