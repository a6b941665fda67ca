package dev.skiff.daemon.registry;

import java.util.List;
import java.util.Locale;

/**
 * A failed registry exchange. {@link Kind#REGISTRY_ERROR} carries the registry's error codes
 * (MANIFEST_UNKNOWN, DENIED, ...); the message of every kind is the text dockerd would show.
 */
public final class RegistryException extends Exception {
    public enum Kind {
        /** The registry answered with a Registry API error body. */
        REGISTRY_ERROR,
        /** A status or body the protocol does not allow here. */
        UNEXPECTED_RESPONSE,
        /** The registry could not be reached (DNS, refused, TLS, timeout). */
        NETWORK,
        /** Content did not match its digest or could not be parsed. */
        INVALID_CONTENT
    }

    /** One entry of a Registry API {@code errors} array. */
    public record ErrorDetail(String code, String message) {
        /** distribution's errcode.Error text: "manifest unknown: manifest unknown". */
        public String describe() {
            return code.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }

    private final Kind kind;
    private final List<ErrorDetail> errors;

    public RegistryException(Kind kind, List<ErrorDetail> errors, String message) {
        super(message);
        this.kind = kind;
        this.errors = List.copyOf(errors);
    }

    public static RegistryException of(Kind kind, String message) {
        return new RegistryException(kind, List.of(), message);
    }

    public Kind kind() {
        return kind;
    }

    public List<ErrorDetail> errors() {
        return errors;
    }

    /** The first error code, or null. */
    public String firstCode() {
        return errors.isEmpty() ? null : errors.get(0).code();
    }
}
