package dev.skiff.daemon.reference;

import dev.skiff.daemon.errors.EngineException;

import java.util.regex.Pattern;

/**
 * A normalised image reference ("named" in the docker distribution grammar):
 * {@code domain/path[:tag][@digest]}, with docker.io and library/ filled in. Parsing follows
 * the distribution reference grammar and reports dockerd's error texts.
 *
 * @param domain registry host[:port], "docker.io" for Docker Hub
 * @param path   repository path on that registry ("library/busybox")
 * @param tag    tag or null
 * @param digest digest or null
 */
public record Reference(String domain, String path, String tag, Digest digest) {
    public static final String DEFAULT_DOMAIN = "docker.io";
    public static final String DEFAULT_TAG = "latest";
    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int NAME_MAX = 255;

    private static final Pattern FULL_ID = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST =
            Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern DOMAIN_COMPONENT =
            Pattern.compile("[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]");

    /** dockerd's ParseNormalizedNamed: "busybox" becomes docker.io/library/busybox (no tag added). */
    public static Reference parseNormalized(String s) {
        if (FULL_ID.matcher(s).matches()) {
            throw EngineException.invalidParameter("invalid repository name (" + s
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain;
        String remainder;
        int slash = s.indexOf('/');
        if (slash == -1 || (!containsAny(s.substring(0, slash), ".:") && !s.substring(0, slash).equals("localhost"))) {
            domain = DEFAULT_DOMAIN;
            remainder = s;
        } else {
            domain = s.substring(0, slash);
            remainder = s.substring(slash + 1);
        }
        if (domain.equals(LEGACY_DEFAULT_DOMAIN)) {
            domain = DEFAULT_DOMAIN;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') == -1) {
            remainder = OFFICIAL_PREFIX + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon > -1 ? remainder.substring(0, colon) : remainder;
        if (!remoteName.toLowerCase(java.util.Locale.ROOT).equals(remoteName)) {
            throw EngineException.invalidParameter("invalid reference format: repository name must be lowercase");
        }
        return parse(domain + "/" + remainder);
    }

    /** The grammar's Parse for a string whose first component is known to be the domain. */
    private static Reference parse(String s) {
        Reference r = match(s);
        if (r == null) {
            if (match(s.toLowerCase(java.util.Locale.ROOT)) != null) {
                throw EngineException.invalidParameter("invalid reference format: repository name must be lowercase");
            }
            throw EngineException.invalidParameter("invalid reference format");
        }
        if (r.name().length() > NAME_MAX) {
            throw EngineException.invalidParameter("repository name must not be more than 255 characters");
        }
        return r;
    }

    private static Reference match(String s) {
        String digest = null;
        int at = s.indexOf('@');
        if (at >= 0) {
            digest = s.substring(at + 1);
            s = s.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return null;
            }
        }
        String tag = null;
        int colon = s.lastIndexOf(':');
        if (colon > s.lastIndexOf('/')) {
            tag = s.substring(colon + 1);
            s = s.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return null;
            }
        }
        int slash = s.indexOf('/');
        if (slash <= 0 || !isDomain(s.substring(0, slash)) || !isPath(s.substring(slash + 1))) {
            return null;
        }
        return new Reference(s.substring(0, slash), s.substring(slash + 1), tag,
                digest == null ? null : Digest.parse(digest));
    }

    private static boolean isDomain(String d) {
        int colon = d.indexOf(':');
        String host = colon >= 0 ? d.substring(0, colon) : d;
        if (colon >= 0 && !d.substring(colon + 1).matches("[0-9]+")) {
            return false;
        }
        for (String c : host.split("\\.", -1)) {
            if (!DOMAIN_COMPONENT.matcher(c).matches()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPath(String p) {
        for (String c : p.split("/", -1)) {
            if (!isPathComponent(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * alpha-numeric (separator alpha-numeric)*, separator = [_.] | __ | [-]*; checked by hand
     * because the grammar's nested repetition backtracks exponentially in java.util.regex.
     */
    static boolean isPathComponent(String c) {
        if (c.isEmpty() || !isAlnum(c.charAt(0)) || !isAlnum(c.charAt(c.length() - 1))) {
            return false;
        }
        int i = 0;
        while (i < c.length()) {
            if (isAlnum(c.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < c.length() && !isAlnum(c.charAt(i))) {
                i++;
            }
            String sep = c.substring(start, i);
            if (!(sep.equals(".") || sep.equals("_") || sep.equals("__") || sep.chars().allMatch(ch -> ch == '-'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    }

    private static boolean containsAny(String s, String chars) {
        return s.chars().anyMatch(ch -> chars.indexOf(ch) >= 0);
    }

    /** domain/path. */
    public String name() {
        return domain + "/" + path;
    }

    /** The short form users type: "busybox", "myrepo/bb", "localhost:5000/team/bb". */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_PREFIX) && path.indexOf('/', OFFICIAL_PREFIX.length()) == -1) {
            return path.substring(OFFICIAL_PREFIX.length());
        }
        return path;
    }

    /** familiarName plus ":tag" and/or "@digest", e.g. "busybox:latest". */
    public String familiarString() {
        return familiarName() + suffix();
    }

    public boolean isNameOnly() {
        return tag == null && digest == null;
    }

    /** Adds ":latest" to a bare name (dockerd's TagNameOnly). */
    public Reference withDefaultTag() {
        return isNameOnly() ? new Reference(domain, path, DEFAULT_TAG, null) : this;
    }

    public Reference withTag(String newTag) {
        if (!TAG.matcher(newTag).matches()) {
            throw EngineException.invalidParameter("invalid tag format");
        }
        return new Reference(domain, path, newTag, digest);
    }

    public Reference withDigest(Digest newDigest) {
        return new Reference(domain, path, tag, newDigest);
    }

    /** The bare repository name, without tag or digest. */
    public Reference trimmed() {
        return new Reference(domain, path, null, null);
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    /** The full form: "docker.io/library/busybox:latest". */
    @Override
    public String toString() {
        return name() + suffix();
    }
}
