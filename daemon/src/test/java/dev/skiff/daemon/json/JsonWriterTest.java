package dev.skiff.daemon.json;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonWriterTest {
    private record Port(String type, int number) {
    }

    private enum Kind { CONTAINER }

    private static void assertSameAsMapper(Object value) throws Exception {
        byte[] expected = Json.MAPPER.writeValueAsBytes(value);
        byte[] actual = JsonWriter.encode(value, new byte[0]);
        assertEquals(new String(expected, StandardCharsets.UTF_8), new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected, actual);
    }

    @Test
    void responseTreesAreEncodedAsTheMapperEncodesThem() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Id", "4e43");
        m.put("Running", true);
        m.put("Paused", false);
        m.put("Pid", 1234);
        m.put("Size", 5_000_000_000L);
        m.put("Big", new BigInteger("123456789012345678901234567890"));
        m.put("Error", null);
        m.put("Env", List.of("PATH=/bin", "A=1"));
        m.put("Empty", Map.of());
        m.put("NoItems", new ArrayList<>());
        m.put("Array", new String[] {"a", "b"});
        m.put("Nested", Map.of("Data", Map.of("LowerDir", "/l1:/l2")));
        assertSameAsMapper(m);
        assertSameAsMapper(List.of(m, m));
        assertSameAsMapper("plain");
        assertSameAsMapper(null);
    }

    @Test
    void stringsAreEscapedAsTheMapperEscapesThem() throws Exception {
        assertSameAsMapper("quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f nul \0 esc \u001b del \u007f");
        assertSameAsMapper("latin é, cjk 漢字, line sep \u2028");
        assertSameAsMapper(Map.of("ké\"y", "v"));
    }

    @Test
    void charactersBeyondTheBmpAreWrittenAsUtf8AsGoDoes() throws Exception {
        byte[] b = JsonWriter.encode("whale 🐳", new byte[0]);
        assertEquals("\"whale 🐳\"", new String(b, StandardCharsets.UTF_8));
        assertEquals("whale 🐳", Json.MAPPER.readTree(b).asText());
    }

    @Test
    void otherValuesGoThroughTheMapper() throws Exception {
        assertSameAsMapper(Map.of("Port", new Port("tcp", 80), "Kind", Kind.CONTAINER, "Ratio", 0.5, "Cpus", 1.5e9f));
        assertSameAsMapper(Json.MAPPER.readTree("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}"));
    }

    @Test
    void aLoneSurrogateIsEscaped() {
        byte[] b = JsonWriter.encode("x\ud800y", new byte[0]);
        assertEquals("\"x\\uD800y\"", new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void theDocumentEndIsAppended() {
        assertEquals("{\"a\":1}\n", new String(JsonWriter.encode(Map.of("a", 1), new byte[] {'\n'}), StandardCharsets.UTF_8));
    }

    @Test
    void largeDocumentsGrowTheBuffer() throws Exception {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(Map.of("Names", List.of("/c" + i), "Labels", Map.of("k", "v".repeat(i % 50))));
        }
        assertSameAsMapper(many);
        assertSameAsMapper(Arrays.asList(new Object[] {"x".repeat(100_000)}));
    }
}
