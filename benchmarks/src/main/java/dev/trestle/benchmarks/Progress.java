package dev.trestle.benchmarks;

import java.time.Duration;
import java.util.Locale;

/**
 * The report's progress line: which experiment of how many is starting, and an estimate of the
 * time left from the mean time of the experiments done so far. Not thread-safe.
 */
final class Progress {

  private final int total;
  private int done;
  private long elapsedNanos;

  Progress(int total) {
    this.total = total;
  }

  /** Records that an experiment finished after {@code nanos}. */
  void finished(long nanos) {
    done++;
    elapsedNanos += nanos;
  }

  /** The line for the experiment starting now, for example {@code 3 of 12: cache, ~2m10s left}. */
  String starting(String id) {
    String left = done == 0 ? "time left not known yet"
        : "~" + human(Duration.ofNanos(elapsedNanos / done * (total - done))) + " left";
    return String.format(Locale.ROOT, "%d of %d: %s (%s)", done + 1, total, id, left);
  }

  static String human(Duration d) {
    long seconds = Math.max(0, Math.round(d.toMillis() / 1000.0));
    if (seconds < 60) {
      return seconds + "s";
    }
    return seconds / 60 + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
  }
}
