package dev.skiff.daemon.pull;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The "progress" string of a pull message, as dockerd renders it server-side (no terminal, so
 * width 200 and no time estimate): {@code [=>      ]  36.45kB/1.069MB}.
 */
public final class ProgressBar {
    private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
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

    /** go-units HumanSize: decimal units, 4 significant digits, Go's %g (no trailing zeros). */
    public static String humanSize(double size) {
        int i = 0;
        while (size >= 1000.0 && i < UNITS.length - 1) {
            size /= 1000.0;
            i++;
        }
        return goFormatG4(size) + UNITS[i];
    }

    private static String goFormatG4(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN));
        return rounded.stripTrailingZeros().toPlainString();
    }
}
