package dev.trestle.benchmarks.hash;

import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the heap each ring retains per node (bytes), measured as the growth of the used heap after
 * a full collection while several rings of 10,000 nodes are held. The node objects are the caller's
 * and shared by all the rings, so they are not counted.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.trestle.benchmarks.hash.Footprint</pre>
 */
public final class Footprint {

  private Footprint() {}

  /** Runs the measurement and prints one line per algorithm. */
  public static void main(String[] args) {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int copies = 8;
    System.out.println("algorithm      bytes per node (" + nodes + " nodes, " + copies + " rings held)");
    for (HashAlgorithm algorithm : HashAlgorithm.values()) {
      System.out.printf(Locale.ROOT, "%-14s %8.1f%n", algorithm, bytesPerNode(algorithm, nodes, copies));
    }
  }

  static double bytesPerNode(HashAlgorithm algorithm, int nodes, int copies) {
    String[] names = Rings.names(nodes);
    Rings.ring(algorithm, names); // class loading and JIT out of the way
    long before = usedAfterGc();
    List<HashRing<String>> held = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      held.add(Rings.ring(algorithm, names));
    }
    long after = usedAfterGc();
    if (held.size() != copies) {
      throw new AssertionError();
    }
    return (double) (after - before) / copies / nodes;
  }

  private static long usedAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
