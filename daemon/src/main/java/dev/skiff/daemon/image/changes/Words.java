package dev.skiff.daemon.image.changes;

import dev.skiff.daemon.errors.EngineException;

import java.util.ArrayList;
import java.util.List;

/** Dockerfile word splitting: whitespace separates, double and single quotes group, backslash escapes. */
final class Words {
    private Words() {
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == 0 && Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\\' && quote != '\'' && i + 1 < s.length()) {
                word.append(s.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            throw EngineException.invalidParameter("unexpected end of statement while looking for matching " + quote);
        }
        if (inWord) {
            out.add(word.toString());
        }
        return out;
    }

    /** A whole value: quotes and escapes removed, inner whitespace kept. */
    static String unquote(String s) {
        StringBuilder kept = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '\'' && i + 1 < s.length()) {
                kept.append(s.charAt(++i));
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
