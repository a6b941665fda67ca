package dev.skiff.cli.stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonIndentTest {
    @Test
    void indentsLikeGoJsonIndent() {
        String raw = "[{\"Id\":\"abc\",\"Config\":{\"Env\":[\"A=1\",\"B=2\"],\"Labels\":{},\"Cmd\":null},"
                + "\"Mounts\":[ ],\"Size\":1.50e3,\"Text\":\"a, b: {c} [d] \\\"q\\\" \\\\\"}\n]";
        assertEquals("""
                [
                    {
                        "Id": "abc",
                        "Config": {
                            "Env": [
                                "A=1",
                                "B=2"
                            ],
                            "Labels": {},
                            "Cmd": null
                        },
                        "Mounts": [],
                        "Size": 1.50e3,
                        "Text": "a, b: {c} [d] \\"q\\" \\\\"
                    }
                ]""", JsonIndent.indent(raw, "    "));
    }

    @Test
    void emptyArray() {
        assertEquals("[]", JsonIndent.indent("[]", "    "));
    }
}
