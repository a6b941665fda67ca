package dev.skiff.daemon.registry;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Phrases connection failures the way dockerd's Go HTTP client does, because the docker CLI
 * shows them verbatim: {@code Get "https://registry-1.docker.io/v2/": dial tcp: lookup
 * registry-1.docker.io on 10.0.0.53:53: no such host}.
 */
final class NetworkErrors {
    private NetworkErrors() {
    }

    static RegistryException describe(URI uri, IOException e) {
        return RegistryException.of(RegistryException.Kind.NETWORK, "Get \"" + uri + "\": " + cause(uri, e));
    }

    private static String cause(URI uri, IOException e) {
        String host = uri.getHost();
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
        if (has(e, UnresolvedAddressException.class) || has(e, UnknownHostException.class)) {
            String ns = nameserver();
            return "dial tcp: lookup " + host + (ns == null ? "" : " on " + ns + ":53") + ": no such host";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "dial tcp " + address(host) + ":" + port + ": i/o timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "net/http: timeout awaiting response headers";
        }
        if (has(e, ConnectException.class)) {
            return "dial tcp " + address(host) + ":" + port + ": connect: connection refused";
        }
        if (has(e, SSLException.class)) {
            String m = String.valueOf(find(e, SSLException.class).getMessage());
            if (m.contains("Unsupported or unrecognized SSL message")) {
                return "http: server gave HTTP response to HTTPS client";
            }
            return "tls: " + m;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static String address(String host) {
        try {
            return InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            return host;
        }
    }

    /** First nameserver of /etc/resolv.conf, which Go's resolver names in its errors. */
    private static String nameserver() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/resolv.conf"), StandardCharsets.UTF_8)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2 && f[0].equals("nameserver")) {
                    return f[1];
                }
            }
        } catch (IOException ignored) {
            // fall through: the message just omits the server
        }
        return null;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    private static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }
}
