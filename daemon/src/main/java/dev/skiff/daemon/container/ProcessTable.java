package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code docker top}: the processes of a container read from {@code /proc} (those in its PID
 * namespace), shown like {@code ps -ef} does on the host, which is what dockerd runs. Besides the
 * default, {@code -o} with common columns is understood.
 */
final class ProcessTable {
    /** USER_HZ: the unit of the times in /proc/<pid>/stat on every Linux architecture skiff runs on. */
    static final int CLOCK_TICKS = 100;
    private static final List<String> DEFAULT = List.of("uid", "pid", "ppid", "c", "stime", "tty", "time", "cmd");
    private static final Map<String, String> TITLES = Map.ofEntries(
            Map.entry("uid", "UID"), Map.entry("user", "USER"), Map.entry("pid", "PID"), Map.entry("ppid", "PPID"),
            Map.entry("c", "C"), Map.entry("stime", "STIME"), Map.entry("tty", "TTY"), Map.entry("time", "TIME"),
            Map.entry("cmd", "CMD"), Map.entry("args", "COMMAND"), Map.entry("command", "COMMAND"),
            Map.entry("comm", "COMMAND"));

    /** One process as read from /proc. */
    record Proc(int pid, int ppid, int uid, int ttyNr, long cpuTicks, long startTicks, String comm, String args) {
    }

    private final Path proc;

    ProcessTable(Path proc) {
        this.proc = proc;
    }

    /** {"Titles":[...],"Processes":[[...]]} for the processes sharing {@code pid1}'s PID namespace. */
    Map<String, Object> top(int pid1, String psArgs) throws IOException {
        List<String> columns = columns(psArgs);
        String ns = Files.readSymbolicLink(proc.resolve(pid1 + "/ns/pid")).toString();
        long bootTime = bootTime();
        Map<Integer, String> users = users();
        Instant now = Instant.now();
        List<Proc> procs = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                try {
                    if (Files.readSymbolicLink(d.resolve("ns/pid")).toString().equals(ns)) {
                        procs.add(read(d));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while it was being read
                }
            }
        }
        procs.sort(java.util.Comparator.comparingInt(Proc::pid));
        List<List<String>> rows = new ArrayList<>();
        for (Proc p : procs) {
            rows.add(columns.stream().map(c -> cell(c, p, bootTime, now, users)).toList());
        }
        List<String> titles = columns.stream().map(TITLES::get).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Processes", rows);
        out.put("Titles", titles);
        return out;
    }

    /** The columns of {@code ps_args}: empty or {@code -ef} for the default, else {@code -o a,b,c}. */
    static List<String> columns(String psArgs) {
        String args = psArgs == null ? "" : psArgs.trim();
        if (args.isEmpty() || args.equals("-ef") || args.equals("-e -f")) {
            return DEFAULT;
        }
        if (args.startsWith("-o")) {
            List<String> cols = new ArrayList<>();
            for (String c : args.substring(2).trim().split("[,\\s]+")) {
                String col = c.toLowerCase(Locale.ROOT);
                if (!TITLES.containsKey(col)) {
                    throw EngineException.invalidParameter("ps_args: unsupported column " + c);
                }
                cols.add(col);
            }
            return cols;
        }
        throw EngineException.invalidParameter("ps_args: only -ef and -o COLUMNS are supported, not " + psArgs);
    }

    private Proc read(Path d) throws IOException {
        String stat = Files.readString(d.resolve("stat"), StandardCharsets.UTF_8);
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        String comm = stat.substring(open + 1, close);
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state): ppid is field 4, tty_nr 7, utime 14, stime 15, starttime 22
        int ppid = Integer.parseInt(f[1]);
        int tty = Integer.parseInt(f[4]);
        long cpu = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        long start = Long.parseLong(f[19]);
        int uid = 0;
        for (String line : Files.readAllLines(d.resolve("status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("Uid:")) {
                uid = Integer.parseInt(line.substring(4).trim().split("\\s+")[0]);
            }
        }
        byte[] raw = Files.readAllBytes(d.resolve("cmdline"));
        String args = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        return new Proc(Integer.parseInt(d.getFileName().toString()), ppid, uid, tty, cpu, start, comm,
                args.isEmpty() ? "[" + comm + "]" : args);
    }

    static String cell(String column, Proc p, long bootTime, Instant now, Map<Integer, String> users) {
        Instant started = Instant.ofEpochSecond(bootTime).plusMillis(p.startTicks() * 1000 / CLOCK_TICKS);
        return switch (column) {
            case "uid", "user" -> users.getOrDefault(p.uid(), Integer.toString(p.uid()));
            case "pid" -> Integer.toString(p.pid());
            case "ppid" -> Integer.toString(p.ppid());
            case "c" -> {
                long elapsed = Math.max(1, now.getEpochSecond() - started.getEpochSecond());
                yield Long.toString(p.cpuTicks() * 100 / CLOCK_TICKS / elapsed);
            }
            case "stime" -> stime(started, now);
            case "tty" -> tty(p.ttyNr());
            case "time" -> cpuTime(p.cpuTicks() / CLOCK_TICKS);
            case "comm" -> p.comm();
            default -> p.args();
        };
    }

    /** ps's STIME: the time of day for processes started today, else month and day. */
    static String stime(Instant started, Instant now) {
        ZonedDateTime s = started.atZone(ZoneId.systemDefault());
        if (s.toLocalDate().equals(LocalDate.ofInstant(now, ZoneId.systemDefault()))) {
            return DateTimeFormatter.ofPattern("HH:mm").format(s);
        }
        return DateTimeFormatter.ofPattern("MMMdd", Locale.ENGLISH).format(s);
    }

    /** ps's TIME: [DD-]HH:MM:SS of CPU time. */
    static String cpuTime(long seconds) {
        long days = seconds / 86400;
        String hms = String.format("%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
        return days > 0 ? days + "-" + hms : hms;
    }

    /** ps's TTY: pts/N for pseudo-terminals (majors 136-143), ? for none. */
    static String tty(int ttyNr) {
        if (ttyNr == 0) {
            return "?";
        }
        int major = (ttyNr >> 8) & 0xfff;
        int minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
        if (major >= 136 && major <= 143) {
            return "pts/" + ((major - 136) * 256 + minor);
        }
        return "?";
    }

    private long bootTime() throws IOException {
        for (String line : Files.readAllLines(proc.resolve("stat"))) {
            if (line.startsWith("btime ")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        return 0;
    }

    /** The host's user names, as the host's ps shows them. */
    private static Map<Integer, String> users() {
        Map<Integer, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].matches("\\d+")) {
                    out.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                }
            }
        } catch (IOException e) {
            // numeric ids then
        }
        return out;
    }
}
