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
    assertEquals(6, lines.length, String.join("\n", lines));
    assertEquals("| trace | accesses | distinct | size | lru | lfu | adaptive | caffeine |", lines[0]);
    // four keys in a cache of four: only the first access of each misses
    assertEquals("| four | 100 | 4 | 4 (100%) | 96.00 | 96.00 | 96.00 | 96.00 |", lines[2]);
    assertEquals("mean hit ratio (%) over 1 points: lru 96.00; lfu 96.00; adaptive 96.00; caffeine 96.00;", lines[4]);
    assertEquals("points where adaptive is more than 1 point below max(caffeine, lru): 0 []", lines[5]);
  }

  @Test
  void aTraceLineThatIsNotAKeyIsNamed(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.trace.gz");
    writeTrace(file, "1\n\n2\nthree\n");
    IOException e = assertThrows(IOException.class, () -> Trace.read(file));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
  }
}
