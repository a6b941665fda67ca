package dev.skiff.cli.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Column alignment with the semantics of Go's text/tabwriter (left-aligned, space padding), which
 * the docker CLI uses for its tables. A row's cells are tab-terminated except the last; a column
 * is sized over each block of consecutive rows that have a terminated cell in it, so a row with
 * fewer cells ends the blocks to its right.
 */
public final class TabWriter {
    private final int minWidth;
    private final int padding;
    private final List<String[]> rows = new ArrayList<>();

    public TabWriter(int minWidth, int padding) {
        this.minWidth = minWidth;
        this.padding = padding;
    }

    /** docker's table layout: minimum cell width 10, three spaces of padding. */
    public static TabWriter dockerTable() {
        return new TabWriter(10, 3);
    }

    public TabWriter row(String... cells) {
        rows.add(cells.clone());
        return this;
    }

    /** One row given as tab-separated text, like a line of a docker template. */
    public TabWriter line(String tabSeparated) {
        rows.add(tabSeparated.split("\t", -1));
        return this;
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        format(out, new ArrayList<>(), 0, rows.size());
        return out.toString();
    }

    private int terminatedCells(int row) {
        return rows.get(row).length - 1;
    }

    private void format(StringBuilder out, List<Integer> widths, int line0, int line1) {
        int column = widths.size();
        int start = line0;
        int row = line0;
        while (row < line1) {
            if (column >= terminatedCells(row)) {
                row++;
                continue;
            }
            writeRows(out, widths, start, row);
            int blockStart = row;
            int width = minWidth;
            while (row < line1 && column < terminatedCells(row)) {
                width = Math.max(width, displayWidth(rows.get(row)[column]) + padding);
                row++;
            }
            widths.add(width);
            format(out, widths, blockStart, row);
            widths.remove(widths.size() - 1);
            start = row;
        }
        writeRows(out, widths, start, line1);
    }

    private void writeRows(StringBuilder out, List<Integer> widths, int from, int to) {
        for (int r = from; r < to; r++) {
            String[] cells = rows.get(r);
            for (int c = 0; c < cells.length; c++) {
                out.append(cells[c]);
                if (c < widths.size()) {
                    int pad = widths.get(c) - displayWidth(cells[c]);
                    char[] spaces = new char[Math.max(pad, 0)];
                    Arrays.fill(spaces, ' ');
                    out.append(spaces);
                }
            }
            out.append('\n');
        }
    }

    /** tabwriter counts runes (code points), not terminal columns. */
    private static int displayWidth(String text) {
        return text.codePointCount(0, text.length());
    }
}
