package dev.trestle.benchmarks.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The simulator's command line: bad arguments are exit status 2 with the reason. */
class HitRatioCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = new CommandLine(new HitRatioCommand());
    line.setErr(new PrintWriter(err, true));
    line.setOut(new PrintWriter(new StringWriter(), true));
    return line.execute(args);
  }

  @Test
  void aDirectoryThatIsNotThereIsExitStatus2(@TempDir Path dir) {
    assertEquals(2, run(dir.resolve("nosuch").toString()));
    assertTrue(err.toString().contains("DIR must be a directory"), err.toString());
  }

  @Test
  void aSizeOutsideZeroToOneIsExitStatus2(@TempDir Path dir) {
    assertEquals(2, run("--sizes", "0.1,1.5", dir.toString()));
    assertTrue(err.toString().contains("--sizes must be fractions in (0, 1] but held 1.5"), err.toString());
  }

  @Test
  void anEmptyDirectoryPrintsTheHeaderOnly(@TempDir Path dir) {
    assertEquals(0, run("--sizes", "0.5", dir.toString()));
  }
}
