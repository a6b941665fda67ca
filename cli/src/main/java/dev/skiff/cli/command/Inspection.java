package dev.skiff.cli.command;

import dev.skiff.cli.stream.JsonIndent;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Prints inspected documents as docker does: one JSON array, re-indented with four spaces. */
final class Inspection {
    private Inspection() {
    }

    static void print(List<byte[]> documents, PrintStream out) {
        if (documents.isEmpty()) {
            out.println("[]");
            return;
        }
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
                array.append(',');
            }
            array.append(new String(documents.get(i), StandardCharsets.UTF_8));
        }
        array.append(']');
        out.println(JsonIndent.indent(array.toString(), "    "));
    }
}
