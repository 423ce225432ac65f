package dev.trestle.benchmarks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a report run was: when, on which commit, quick or full, on which JDK, OS, cores and heap,
 * and which ids {@code --only} asked for ({@code null} for the full report). Written as the
 * {@code run} object of {@code claims.json} and the head of {@code claims.md}. Immutable.
 *
 * @param date when the run started, ISO-8601 UTC
 * @param commit the git commit of the working directory, with {@code -dirty} if it has changes,
 *     or {@code null} when git or the repository is not there
 * @param mode {@code quick} or {@code full}
 * @param jdk the JDK's version and vendor
 * @param os the operating system's name, version and architecture
 * @param cores the processors available to the JVM
 * @param heapMiB the JVM's maximum heap, in MiB
 * @param only the ids {@code --only} selected, or {@code null} for the full report
 */
@JsonPropertyOrder({"date", "commit", "mode", "jdk", "os", "cores", "heapMiB", "only"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunInfo(String date, String commit, String mode, String jdk, String os, int cores, long heapMiB,
    List<String> only) {

  /** Describes the current JVM and working directory for a run of the given mode and selection. */
  static RunInfo current(boolean quick, List<String> only) {
    return new RunInfo(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), gitCommit(), quick ? "quick" : "full",
        System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024),
        only == null || only.isEmpty() ? null : List.copyOf(only));
  }

  /** The commit, from {@code $GIT_COMMIT} (CI) or {@code git}; {@code null} if neither answers within 5 s. */
  static String gitCommit() {
    String env = System.getenv("GIT_COMMIT");
    if (env != null && !env.isBlank()) {
      return env.trim();
    }
    String head = git("rev-parse", "HEAD");
    if (head == null) {
      return null;
    }
    String status = git("status", "--porcelain", "--untracked-files=no");
    return status != null && !status.isEmpty() ? head + "-dirty" : head;
  }

  private static String git(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "git";
    System.arraycopy(args, 0, command, 1, args.length);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out;
      try (InputStream in = process.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return null;
      }
      return process.exitValue() == 0 ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
