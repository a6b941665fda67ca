package dev.skiff.daemon.pull;

import dev.skiff.api.units.HumanUnits;

/**
 * The "progress" string of a pull message, as dockerd renders it server-side (no terminal, so
 * width 200 and no time estimate): {@code [=>      ]  36.45kB/1.069MB}.
 */
public final class ProgressBar {
    private static final int WIDTH = 50;

    private ProgressBar() {
    }

    public static String render(long current, long total) {
        if (current <= 0 && total <= 0) {
            return "";
        }
        if (total <= 0) {
            return String.format("%8s", humanSize(current));
        }
        int percentage = Math.min(WIDTH, (int) ((double) current / (double) total * 100) / 2);
        String bar = "[" + "=".repeat(percentage) + ">" + " ".repeat(Math.max(0, WIDTH - percentage)) + "] ";
        String numbers = current > total
                ? String.format("%8s", humanSize(current))
                : String.format("%8s/%s", humanSize(current), humanSize(total));
        return bar + numbers;
    }

    /** go-units HumanSize: decimal units, 4 significant digits. */
    static String humanSize(double size) {
        return HumanUnits.size(size, 4);
    }
}
