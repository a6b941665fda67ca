package dev.skiff.cli.stream;

/**
 * Re-indents JSON text the way Go's {@code json.Indent} does, which is how the docker CLI prints
 * inspect documents: the daemon's text is kept token for token (numbers and escapes unchanged),
 * insignificant whitespace is dropped, each element goes on its own line, {@code ": "} after
 * keys, and empty objects/arrays stay {@code {}}/{@code []}.
 */
public final class JsonIndent {
    private JsonIndent() {
    }

    public static String indent(String json, String indentUnit) {
        StringBuilder out = new StringBuilder(json.length() * 2);
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean pendingOpen = false; // just opened an object/array, newline deferred until we see it is not empty
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                out.append(c);
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                continue;
            }
            if (pendingOpen) {
                pendingOpen = false;
                if (c == '}' || c == ']') {
                    depth--;
                    out.append(c);
                    continue;
                }
                newline(out, depth, indentUnit);
            }
            switch (c) {
                case '{', '[' -> {
                    out.append(c);
                    depth++;
                    pendingOpen = true;
                }
                case '}', ']' -> {
                    depth--;
                    newline(out, depth, indentUnit);
                    out.append(c);
                }
                case ',' -> {
                    out.append(c);
                    newline(out, depth, indentUnit);
                }
                case ':' -> out.append(": ");
                case '"' -> {
                    out.append(c);
                    inString = true;
                }
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void newline(StringBuilder out, int depth, String indentUnit) {
        out.append('\n');
        out.append(indentUnit.repeat(Math.max(depth, 0)));
    }
}
