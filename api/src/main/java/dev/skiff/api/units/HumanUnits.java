package dev.skiff.api.units;

import java.time.Duration;

/** Sizes and ages written the way docker's go-units library writes them. */
public final class HumanUnits {
    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};

    private HumanUnits() {
    }

    /** Decimal units with {@code precision} significant digits: {@code 1.98MB} for 1,976,000 at 3. */
    public static String size(double bytes, int precision) {
        return scaled(bytes, 1000.0, DECIMAL, precision);
    }

    /** Binary units with 4 significant digits ({@code 23.54GiB}), as for total memory. */
    public static String bytesSize(double bytes) {
        return scaled(bytes, 1024.0, BINARY, 4);
    }

    private static String scaled(double size, double base, String[] units, int precision) {
        int unit = 0;
        while (size >= base && unit < units.length - 1) {
            size /= base;
            unit++;
        }
        return GoFloat.g(size, precision) + units[unit];
    }

    /** An approximate age: "Less than a second", "1 second", "About a minute", "3 weeks", ... */
    public static String duration(Duration d) {
        long seconds = d.getSeconds();
        if (d.isNegative() || seconds < 1) {
            return "Less than a second";
        }
        if (seconds == 1) {
            return "1 second";
        }
        if (seconds < 60) {
            return seconds + " seconds";
        }
        long minutes = d.toMinutes();
        if (minutes == 1) {
            return "About a minute";
        }
        if (minutes < 60) {
            return minutes + " minutes";
        }
        long hours = (long) (d.toNanos() / 3.6e12 + 0.5);
        if (hours == 1) {
            return "About an hour";
        }
        if (hours < 48) {
            return hours + " hours";
        }
        if (hours < 24 * 7 * 2) {
            return hours / 24 + " days";
        }
        if (hours < 24 * 30 * 2) {
            return hours / 24 / 7 + " weeks";
        }
        if (hours < 24 * 365 * 2) {
            return hours / 24 / 30 + " months";
        }
        return d.toHours() / 24 / 365 + " years";
    }
}
