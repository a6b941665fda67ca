package dev.skiff.daemon.http;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;

import java.util.Date;

/** Headers dockerd puts on every response; the CLI reads Api-Version and Ostype from them. */
final class ResponseHeaders {
    static final String SERVER = "skiffd/" + SkiffVersion.VERSION + " (linux)";

    /** Response headers are the daemon's own constants and values: validating them is wasted work. */
    static final HttpHeadersFactory UNVALIDATED = DefaultHttpHeadersFactory.headersFactory().withValidation(false);

    private static final AsciiString API_VERSION = AsciiString.cached("Api-Version");
    private static final AsciiString CURRENT_VERSION = AsciiString.cached(ApiVersion.CURRENT);
    private static final AsciiString EXPERIMENTAL = AsciiString.cached("Docker-Experimental");
    private static final AsciiString FALSE = AsciiString.cached("false");
    private static final AsciiString OSTYPE = AsciiString.cached("Ostype");
    private static final AsciiString LINUX = AsciiString.cached("linux");
    private static final AsciiString SERVER_NAME = AsciiString.cached("Server");
    private static final AsciiString SERVER_VALUE = AsciiString.cached(SERVER);
    private static final AsciiString DATE = AsciiString.cached("Date");

    /** The Date header has a resolution of one second: it is formatted once per second, not per response. */
    private static volatile CachedDate date = new CachedDate(0, "");

    private record CachedDate(long second, String text) {
    }

    private ResponseHeaders() {
    }

    static void addCommon(HttpHeaders h) {
        h.set(API_VERSION, CURRENT_VERSION);
        h.set(EXPERIMENTAL, FALSE);
        h.set(OSTYPE, LINUX);
        h.set(SERVER_NAME, SERVER_VALUE);
        h.set(DATE, now());
    }

    private static String now() {
        long millis = System.currentTimeMillis();
        CachedDate d = date;
        if (d.second != millis / 1000) {
            d = new CachedDate(millis / 1000, DateFormatter.format(new Date(millis / 1000 * 1000)));
            date = d;
        }
        return d.text;
    }
}
