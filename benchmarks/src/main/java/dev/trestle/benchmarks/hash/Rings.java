package dev.trestle.benchmarks.hash;

import com.google.common.hash.Hashing;
import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.HashRingBuilder;

/** The rings the hash benchmarks and experiments compare, by name, each as a key-hash-to-node-index function. */
final class Rings {

  /** Every implementation name, in report order; {@code modulo} is the naive baseline. */
  static final String[] ALL = {"virtual-nodes", "ketama", "rendezvous", "maglev", "jump", "guava", "modulo"};

  private Rings() {}

  static String node(int i) {
    return "10.0." + (i / 250) + "." + (i % 250 + 1) + ":11211";
  }

  static HashRing<String> ring(HashAlgorithm algorithm, int nodes) {
    return ring(algorithm, names(nodes));
  }

  static String[] names(int nodes) {
    String[] names = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      names[i] = node(i);
    }
    return names;
  }

  static HashRing<String> ring(HashAlgorithm algorithm, String[] names) {
    HashRingBuilder<String> builder = HashRing.builder(algorithm);
    for (String name : names) {
      builder.node(name);
    }
    return builder.build();
  }

  static HashAlgorithm algorithm(String impl) {
    switch (impl) {
      case "virtual-nodes": return HashAlgorithm.VIRTUAL_NODES;
      case "ketama": return HashAlgorithm.KETAMA;
      case "rendezvous": return HashAlgorithm.RENDEZVOUS;
      case "maglev": return HashAlgorithm.MAGLEV;
      case "jump": return HashAlgorithm.JUMP;
      default: return null;
    }
  }

  /** A lookup for {@code impl} over {@code nodes} nodes, from a precomputed key hash to the node. */
  static Lookup lookup(String impl, int nodes) {
    HashAlgorithm algorithm = algorithm(impl);
    if (algorithm != null) {
      HashRing<String> ring = ring(algorithm, nodes);
      return ring::nodeFor;
    }
    String[] names = new String[nodes];
    for (int i = 0; i < nodes; i++) {
      names[i] = node(i);
    }
    switch (impl) {
      case "guava":
        return hash -> names[Hashing.consistentHash(hash, nodes)];
      case "modulo":
        return hash -> names[(int) Long.remainderUnsigned(hash, nodes)];
      default:
        throw new IllegalArgumentException("unknown implementation " + impl + "; known: " + String.join(", ", ALL));
    }
  }

  /** A key hash to node lookup. */
  @FunctionalInterface
  interface Lookup {
    String nodeFor(long keyHash);
  }
}
