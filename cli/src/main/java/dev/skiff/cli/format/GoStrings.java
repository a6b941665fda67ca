package dev.skiff.cli.format;

/** String helpers matching what the docker CLI's formatter does to table cells. */
public final class GoStrings {
    private GoStrings() {
    }

    /** Go's {@code strconv.Quote}: double quotes, with escapes for quotes, backslashes and non-printables. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) {
                        out.append(String.format("\\x%02x", cp));
                    } else if (isPrintable(cp)) {
                        out.appendCodePoint(cp);
                    } else if (cp < 0x10000) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.append(String.format("\\U%08x", cp));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return !(Character.isISOControl(cp) || type == Character.UNASSIGNED || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (Character.isSpaceChar(cp) && cp != ' '));
    }

    /** Cuts {@code s} to {@code max} characters, the last being an ellipsis, when it is longer. */
    public static String ellipsis(String s, int max) {
        if (max <= 0) {
            return "";
        }
        int length = s.codePointCount(0, s.length());
        if (length <= max) {
            return s;
        }
        if (max == 1) {
            return s.substring(0, s.offsetByCodePoints(0, 1));
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** The 12-character short form of an ID, with any {@code sha256:} prefix removed. */
    public static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
