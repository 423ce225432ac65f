package dev.trestle.benchmarks.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * An access trace: a name and the keys accessed, in order. Read from a file (gzip text, one decimal
 * key per line, as in {@code shared/traces}) or generated: Zipf, scan, loop, shifting hot set. The
 * generators are deterministic for a given seed. Immutable and thread-safe.
 */
public final class Trace {

  private final String name;
  private final long[] keys;
  private final int distinct;

  private Trace(String name, long[] keys) {
    this.name = name;
    this.keys = keys;
    Set<Long> seen = new HashSet<>();
    for (long key : keys) {
      seen.add(key);
    }
    this.distinct = seen.size();
  }

  /** Returns a trace of the given keys. @throws IllegalArgumentException if there are none */
  public static Trace of(String name, long[] keys) {
    Objects.requireNonNull(name, "name");
    if (keys.length == 0) {
      throw new IllegalArgumentException("trace " + name + " has no accesses");
    }
    return new Trace(name, keys.clone());
  }

  /**
   * Reads a gzip text trace, one decimal key per line (blank lines skipped); the name is the file
   * name without {@code .trace.gz}.
   *
   * @throws IOException if the file cannot be read, or a line is not a decimal number (naming the line)
   */
  public static Trace read(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    long[] keys = new long[1 << 16];
    int count = 0;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII))) {
      String line;
      int lineNumber = 0;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        line = line.trim();
        if (line.isEmpty()) {
          continue;
        }
        long key;
        try {
          key = Long.parseLong(line);
        } catch (NumberFormatException e) {
          throw new IOException(file + " line " + lineNumber + ": not a decimal key: " + line, e);
        }
        if (count == keys.length) {
          keys = Arrays.copyOf(keys, keys.length * 2);
        }
        keys[count++] = key;
      }
    }
    String fileName = file.getFileName().toString();
    String name = fileName.endsWith(".trace.gz") ? fileName.substring(0, fileName.length() - ".trace.gz".length()) : fileName;
    return of(name, Arrays.copyOf(keys, count));
  }

  /**
   * Zipf-distributed accesses over {@code items} keys: key of rank r (from 0) with probability
   * proportional to 1/(r+1)^skew; ranks are scattered over the key space so hot keys are not adjacent.
   */
  public static Trace zipf(int items, double skew, int length, long seed) {
    requirePositive(items, "items");
    requirePositive(length, "length");
    if (!(skew >= 0)) {
      throw new IllegalArgumentException("skew must be zero or more, was " + skew);
    }
    double[] cumulative = new double[items];
    double sum = 0;
    for (int i = 0; i < items; i++) {
      sum += 1 / Math.pow(i + 1, skew);
      cumulative[i] = sum;
    }
    SplittableRandom random = new SplittableRandom(seed);
    long[] keys = new long[length];
    for (int i = 0; i < length; i++) {
      int index = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
      int rank = Math.min(items - 1, index >= 0 ? index : -index - 1);
      keys[i] = scatter(rank);
    }
    return of("zipf-" + skew, keys);
  }

  /**
   * A Zipf workload ({@code items}, {@code skew}) interleaved with sequential scans: after every
   * {@code burst} Zipf accesses, one scan of {@code scanLength} keys never seen before.
   */
  public static Trace zipfWithScans(int items, double skew, int length, int burst, int scanLength, long seed) {
    requirePositive(burst, "burst");
    requirePositive(scanLength, "scanLength");
    long[] base = zipf(items, skew, length, seed).keys;
    long[] keys = new long[length];
    long next = 1L << 40;
    int b = 0;
    for (int i = 0; i < length; ) {
      for (int j = 0; j < burst && i < length; j++) {
        keys[i++] = base[b++];
      }
      for (int j = 0; j < scanLength && i < length; j++) {
        keys[i++] = next++;
      }
    }
    return of("zipf-" + skew + "+scans", keys);
  }

  /** Loops over {@code items} keys in order, {@code length} accesses in all. */
  public static Trace loop(int items, int length) {
    requirePositive(items, "items");
    requirePositive(length, "length");
    long[] keys = new long[length];
    for (int i = 0; i < length; i++) {
      keys[i] = i % items;
    }
    return of("loop-" + items, keys);
  }

  /**
   * A hot set that shifts: {@code phases} phases of {@code length / phases} accesses each; in each
   * phase, Zipf-distributed accesses ({@code skew}) over {@code items} keys that no earlier phase used.
   */
  public static Trace shiftingHotSet(int items, double skew, int length, int phases, long seed) {
    requirePositive(phases, "phases");
    long[] base = zipf(items, skew, length, seed).keys;
    long[] keys = new long[length];
    int perPhase = Math.max(1, length / phases);
    for (int i = 0; i < length; i++) {
      keys[i] = base[i] ^ ((i / perPhase) * 0xD6E8FEB86659FD93L); // a new set of keys per phase
    }
    return of("shifting-zipf-" + skew + "x" + phases, keys);
  }

  private static long scatter(int rank) {
    long z = rank * 0x9E3779B97F4A7C15L;
    return z ^ (z >>> 29); // both steps are bijective on 64 bits: distinct ranks, distinct keys
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }

  public String name() {
    return name;
  }

  /** Returns the number of accesses. */
  public int length() {
    return keys.length;
  }

  /** Returns the number of distinct keys. */
  public int distinctKeys() {
    return distinct;
  }

  /** Returns the key of access {@code i}. */
  public long key(int i) {
    return keys[i];
  }

  @Override
  public String toString() {
    return name + " (" + keys.length + " accesses, " + distinct + " distinct keys)";
  }
}
