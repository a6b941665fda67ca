package dev.skiff.daemon.http;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaders;

import java.util.Date;

/** Headers dockerd puts on every response; the CLI reads Api-Version and Ostype from them. */
final class ResponseHeaders {
    static final String SERVER = "skiffd/" + SkiffVersion.VERSION + " (linux)";

    private ResponseHeaders() {
    }

    static void addCommon(HttpHeaders h) {
        h.set("Api-Version", ApiVersion.CURRENT);
        h.set("Docker-Experimental", "false");
        h.set("Ostype", "linux");
        h.set("Server", SERVER);
        h.set("Date", DateFormatter.format(new Date()));
    }
}
