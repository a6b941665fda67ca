package dev.skiff.daemon.registry;

import dev.skiff.daemon.reference.Reference;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where to fetch a repository from, in order: for docker.io the configured
 * {@code registry-mirrors} and then registry-1.docker.io; for any other registry the registry
 * itself, over plain HTTP when it is listed in {@code insecure-registries} (by host[:port] or
 * CIDR; 127.0.0.0/8 is always insecure, as in dockerd), HTTPS otherwise.
 */
public final class RegistryEndpoints {
    static final URI DOCKER_HUB = URI.create("https://registry-1.docker.io");

    /** @param mirror whether this is a mirror (not authoritative: any failure moves on to the next) */
    public record Endpoint(URI base, boolean mirror) {
    }

    private final List<URI> mirrors;
    private final URI dockerHub;
    private final List<String> insecureNames = new ArrayList<>();
    private final List<Cidr> insecureNets = new ArrayList<>();

    public RegistryEndpoints(List<String> registryMirrors, List<String> insecureRegistries) {
        this(registryMirrors, insecureRegistries, DOCKER_HUB);
    }

    /** With another authoritative endpoint for docker.io (tests stand in a local registry for it). */
    RegistryEndpoints(List<String> registryMirrors, List<String> insecureRegistries, URI dockerHub) {
        this.dockerHub = dockerHub;
        List<URI> m = new ArrayList<>();
        for (String mirror : registryMirrors) {
            String s = mirror.contains("://") ? mirror : "https://" + mirror;
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            m.add(URI.create(s));
        }
        this.mirrors = List.copyOf(m);
        insecureNets.add(Cidr.parse("127.0.0.0/8"));
        for (String entry : insecureRegistries) {
            String e = entry.replaceFirst("^[a-z]+://", "");
            if (e.contains("/")) {
                insecureNets.add(Cidr.parse(e));
            } else {
                insecureNames.add(e);
            }
        }
    }

    public List<Endpoint> forDomain(String domain) {
        if (domain.equals(Reference.DEFAULT_DOMAIN)) {
            List<Endpoint> out = new ArrayList<>();
            for (URI m : mirrors) {
                out.add(new Endpoint(m, true));
            }
            out.add(new Endpoint(dockerHub, false));
            return out;
        }
        String scheme = isInsecure(domain) ? "http" : "https";
        return List.of(new Endpoint(URI.create(scheme + "://" + domain), false));
    }

    boolean isInsecure(String domain) {
        if (insecureNames.contains(domain)) {
            return true;
        }
        String host = hostOf(domain);
        if (insecureNames.contains(host)) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                for (Cidr net : insecureNets) {
                    if (net.contains(a)) {
                        return true;
                    }
                }
            }
        } catch (UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static String hostOf(String domain) {
        int colon = domain.lastIndexOf(':');
        return colon > 0 && domain.indexOf(']') < colon ? domain.substring(0, colon) : domain;
    }

    /** An IPv4 or IPv6 network in CIDR notation. */
    record Cidr(byte[] network, int prefix) {
        static Cidr parse(String s) {
            int slash = s.indexOf('/');
            try {
                byte[] addr = InetAddress.getByName(s.substring(0, slash)).getAddress();
                return new Cidr(addr, Integer.parseInt(s.substring(slash + 1)));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("invalid CIDR in insecure-registries: " + s);
            }
        }

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int bits = prefix;
            for (int i = 0; i < b.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
                if ((b[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
