package dev.skiff.daemon.log;

import dev.skiff.daemon.time.GoTime;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One line per event on stderr, in the spirit of dockerd's logfmt output. */
public final class DaemonLogging {
    private DaemonLogging() {
    }

    public static void configure(String level) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler();
        handler.setFormatter(new LineFormatter());
        Level jul = julLevel(level);
        handler.setLevel(jul);
        root.addHandler(handler);
        root.setLevel(jul);
        // Netty's own chatter is only interesting when debugging the daemon.
        Logger.getLogger("io.netty").setLevel("debug".equals(level) ? Level.FINE : Level.WARNING);
    }

    static Level julLevel(String level) {
        return switch (level) {
            case "debug" -> Level.FINE;
            case "warn" -> Level.WARNING;
            case "error", "fatal" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }

    private static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder()
                    .append("time=\"").append(GoTime.rfc3339NanoFixed(r.getInstant())).append("\" level=")
                    .append(levelName(r.getLevel())).append(" msg=\"").append(formatMessage(r)).append('"');
            if (r.getThrown() != null) {
                sb.append(" error=\"").append(r.getThrown()).append('"');
            }
            return sb.append(System.lineSeparator()).toString();
        }

        private static String levelName(Level l) {
            if (l.intValue() >= Level.SEVERE.intValue()) {
                return "error";
            }
            if (l.intValue() >= Level.WARNING.intValue()) {
                return "warning";
            }
            return l.intValue() >= Level.INFO.intValue() ? "info" : "debug";
        }
    }
}
