package dev.skiff.runtime.namespace;

import dev.skiff.runtime.linux.LibC;
import dev.skiff.runtime.linux.LinuxException;
import dev.skiff.runtime.linux.Native;

import java.nio.charset.StandardCharsets;

/** Host and domain name of a fresh UTS namespace (set on the thread that unshared it). */
public final class UtsNames {
    private final byte[] hostname;
    private final byte[] domainname;

    public UtsNames(String hostname, String domainname) {
        this.hostname = hostname.getBytes(StandardCharsets.UTF_8);
        this.domainname = domainname.getBytes(StandardCharsets.UTF_8);
    }

    public void apply() throws LinuxException {
        Native nat = Native.get();
        LibC libc = nat.libc();
        nat.check(libc.sethostname(hostname, hostname.length), "sethostname");
        if (domainname.length > 0) {
            nat.check(libc.setdomainname(domainname, domainname.length), "setdomainname");
        }
    }
}
