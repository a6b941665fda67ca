package dev.skiff.daemon.filesystem;

import dev.skiff.daemon.errors.EngineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ArchiveExtractorTest {
    @Test
    void entryNamesStayBelowTheDestination() {
        assertEquals("a/b", ArchiveExtractor.relativeName("./a/b/"));
        assertEquals("b", ArchiveExtractor.relativeName("a/../b"));
        assertEquals("", ArchiveExtractor.relativeName("./"));
        assertThrows(EngineException.class, () -> ArchiveExtractor.relativeName("../escape"));
        assertThrows(EngineException.class, () -> ArchiveExtractor.relativeName("a/../../escape"));
        assertThrows(EngineException.class, () -> ArchiveExtractor.relativeName("/abs-escape"));
    }
}
