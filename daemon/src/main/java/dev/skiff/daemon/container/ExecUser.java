package dev.skiff.daemon.container;

import dev.skiff.daemon.errors.EngineException;

import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a container's {@code User} ({@code name}, {@code uid}, {@code name:group}, {@code uid:gid})
 * against the container's own {@code /etc/passwd} and {@code /etc/group}, as runc does: a numeric uid
 * need not exist (then gid 0 and HOME=/), a name must; supplementary groups are the groups that list
 * the user as a member, after the primary group.
 */
public record ExecUser(int uid, int gid, List<Integer> additionalGids, String home) {
    public static final ExecUser ROOT = new ExecUser(0, 0, List.of(0), "/root");

    /**
     * @param spec   the User setting; empty means root
     * @param passwd contents of /etc/passwd, or null when the image has none
     * @param group  contents of /etc/group, or null
     */
    public static ExecUser resolve(String spec, String passwd, String group) {
        String userPart = spec == null || spec.isEmpty() ? "0" : spec;
        String groupPart = null;
        int colon = userPart.indexOf(':');
        if (colon >= 0) {
            groupPart = userPart.substring(colon + 1);
            userPart = userPart.substring(0, colon);
        }
        List<String[]> users = parse(passwd, 7);
        List<String[]> groups = parse(group, 4);

        String[] entry = null;
        Integer numericUid = number(userPart);
        for (String[] u : users) {
            if (numericUid != null ? u[2].equals(userPart) : u[0].equals(userPart)) {
                entry = u;
                break;
            }
        }
        int uid;
        int gid = 0;
        String home = "/";
        String name = null;
        if (entry != null) {
            uid = parseId(entry[2]);
            gid = parseId(entry[3]);
            home = entry[5].isEmpty() ? "/" : entry[5];
            name = entry[0];
        } else if (numericUid != null) {
            uid = numericUid;
        } else {
            throw EngineException.system("unable to find user " + userPart + ": no matching entries in passwd file");
        }
        if (groupPart != null && !groupPart.isEmpty()) {
            Integer numericGid = number(groupPart);
            if (numericGid != null) {
                gid = numericGid;
            } else {
                gid = findGroup(groups, groupPart);
            }
        }
        // the primary group is always a supplementary group too (dockerd: "uid=1000 gid=0(root) groups=0(root)")
        List<Integer> extra = new ArrayList<>();
        extra.add(gid);
        if (name != null && (groupPart == null || groupPart.isEmpty())) {
            for (String[] g : groups) {
                for (String member : g[3].split(",")) {
                    if (member.equals(name)) {
                        int id = parseId(g[2]);
                        if (!extra.contains(id)) {
                            extra.add(id);
                        }
                    }
                }
            }
        }
        return new ExecUser(uid, gid, List.copyOf(extra), home);
    }

    private static int findGroup(List<String[]> groups, String name) {
        for (String[] g : groups) {
            if (g[0].equals(name)) {
                return parseId(g[2]);
            }
        }
        throw EngineException.system("unable to find group " + name + ": no matching entries in group file");
    }

    private static List<String[]> parse(String file, int fields) {
        List<String[]> out = new ArrayList<>();
        if (file == null) {
            return out;
        }
        for (String line : file.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":", -1);
            if (f.length < fields - 1) {
                continue;
            }
            if (f.length < fields) {
                String[] padded = new String[fields];
                System.arraycopy(f, 0, padded, 0, f.length);
                padded[fields - 1] = "";
                f = padded;
            }
            if (number(f[2]) == null) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    private static Integer number(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int parseId(String s) {
        Integer n = number(s);
        return n == null ? 0 : n;
    }
}
