package dev.skiff.cli.format;

import dev.skiff.api.units.GoFloat;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GoStringsTest {
    @Test
    void quoteEscapesLikeStrconv() {
        assertEquals("\"sleep 1000\"", GoStrings.quote("sleep 1000"));
        assertEquals("\"sh -c \\\"echo \\\\n\\\"\\n\\t\"", GoStrings.quote("sh -c \"echo \\n\"\n\t"));
        assertEquals("\"\\x00\\x1b\\x7f\"", GoStrings.quote("\u0000\u001b\u007f"));
        assertEquals("\"héllo…\"", GoStrings.quote("héllo…"));
        assertEquals("\"\\u200b\"", GoStrings.quote("\u200b"));
    }

    @Test
    void ellipsisKeepsTheLimitIncludingTheMark() {
        assertEquals("httpd -f -p 80", GoStrings.ellipsis("httpd -f -p 80", 20));
        assertEquals("12345678901234567890", GoStrings.ellipsis("12345678901234567890", 20));
        assertEquals("1234567890123456789…", GoStrings.ellipsis("123456789012345678901", 20));
        assertEquals("1", GoStrings.ellipsis("123", 1));
        assertEquals("", GoStrings.ellipsis("123", 0));
    }

    @Test
    void shortIds() {
        assertEquals("e7567e706ee5", GoStrings.shortId("sha256:e7567e706ee5f02c947f8b72373cdc62dc7083f638c1eff1f8ab1cf404e87924"));
        assertEquals("a69731e7df33", GoStrings.shortId("a69731e7df33aaaabbbb"));
        assertEquals("abc", GoStrings.shortId("abc"));
    }
}
