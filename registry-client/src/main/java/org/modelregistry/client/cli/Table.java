package org.modelregistry.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table for people: a header, aligned columns, a dash for an absent value. */
final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    private Table(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    static Table of(String... headers) {
        return new Table(headers);
    }

    Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(CliCommand::text).toArray(String[]::new));
        return this;
    }

    void print(PrintWriter out) {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** Name-value pairs, one per line, names aligned: how one object is shown. */
    static void fields(PrintWriter out, Object... pairs) {
        int width = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            width = Math.max(width, pairs[i].toString().length());
        }
        for (int i = 0; i < pairs.length; i += 2) {
            out.println(String.format("%-" + (width + 1) + "s %s", pairs[i] + ":", CliCommand.text(pairs[i + 1])));
        }
    }
}
