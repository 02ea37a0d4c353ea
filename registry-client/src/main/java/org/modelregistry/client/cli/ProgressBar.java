package org.modelregistry.client.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.modelregistry.client.ProgressListener;

/** {@code label [#########-----------]  45%  12.0/27.0 MiB} on one line of standard error, redrawn in place. */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;
    private static final double MIB = 1024.0 * 1024.0;

    private final PrintWriter err;
    private final String label;
    private int lastPermille = -1;

    ProgressBar(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void progress(long done, long total) {
        if (total <= 0) {
            return;
        }
        int permille = (int) Math.min(1000, done * 1000 / total);
        if (permille == lastPermille) {
            return; // redraw only when the figure changes: a fast transfer must not drown the terminal
        }
        lastPermille = permille;
        int filled = permille * WIDTH / 1000;
        err.print(String.format(
                Locale.ROOT,
                "\r%s [%s%s] %3d%%  %.1f/%.1f MiB",
                label,
                "#".repeat(filled),
                "-".repeat(WIDTH - filled),
                permille / 10,
                done / MIB,
                total / MIB));
        if (permille == 1000) {
            err.println();
        }
        err.flush();
    }
}
