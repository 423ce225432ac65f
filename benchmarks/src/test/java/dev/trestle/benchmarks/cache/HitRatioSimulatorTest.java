package dev.trestle.benchmarks.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator behind the README's command: it reads a directory of gzip traces and prints a table. */
class HitRatioSimulatorTest {

  private static void writeTrace(Path file, String text) throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(text.getBytes(StandardCharsets.US_ASCII));
    }
  }

  @Test
  void printsOneRowPerTraceAndSizeWithEveryDefaultPolicy(@TempDir Path dir) throws IOException {
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      keys.append(i % 4).append('\n');
    }
    writeTrace(dir.resolve("four.trace.gz"), keys.toString());
    Files.writeString(dir.resolve("notes.txt"), "not a trace");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    HitRatioSimulator.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), dir, new double[] {1.0});
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(3, lines.length, String.join("\n", lines));
    assertEquals("| trace | accesses | distinct | size | lru | lfu | caffeine |", lines[0]);
    // four keys in a cache of four: only the first access of each misses
    assertEquals("| four | 100 | 4 | 4 (100%) | 0.9600 | 0.9600 | 0.9600 |", lines[2]);
  }

  @Test
  void aTraceLineThatIsNotAKeyIsNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.trace.gz");
    writeTrace(file, "1\n\n2\nthree\n");
    IOException e = assertThrows(IOException.class, () -> Trace.read(file));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
  }
}
