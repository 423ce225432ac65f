package dev.trestle.core.hash;

import java.util.List;

/**
 * Maglev hashing: node i has offset {@code h1 mod M} and skip {@code h2 mod (M-1) + 1} (both from
 * its name), which define a permutation of the M table slots; nodes take turns claiming their next
 * free preferred slot (a node of weight w takes w turns per round) until the table is full. A key
 * goes to {@code table[keyHash mod M]} (unsigned). M is fixed for the ring's life and kept by
 * {@code with} and {@code without}: a different M would move almost every key.
 */
final class MaglevRing<N> extends AbstractRing<N> {

  private static final char EMPTY = Character.MAX_VALUE;

  private final int tableSize;
  private final char[] table; // node indexes; at most 65,535 nodes

  MaglevRing(Nodes<N> nodes, int tableSize) {
    super(nodes);
    if (nodes.size() > Character.MAX_VALUE) {
      throw new IllegalArgumentException("MAGLEV takes at most " + (int) Character.MAX_VALUE + " nodes, was given " + nodes.size());
    }
    if (nodes.totalWeight > tableSize) {
      throw new IllegalArgumentException("maglevTableSize " + tableSize + " must be at least the total weight " + nodes.totalWeight
          + " (and 100 times it for small disruption)");
    }
    this.tableSize = tableSize;
    this.table = nodes.size() == 0 ? new char[0] : populate(tableSize);
  }

  private char[] populate(int m) {
    int n = nodes.size();
    long[] offset = new long[n];
    long[] skip = new long[n];
    long[] next = new long[n];
    for (int i = 0; i < n; i++) {
      long h1 = nodes.nameHashes[i];
      long h2 = Murmur3.fmix64(h1 ^ 0x5bd1e9955bd1e995L);
      offset[i] = Long.remainderUnsigned(h1, m);
      skip[i] = Long.remainderUnsigned(h2, m - 1) + 1;
    }
    char[] slots = new char[m];
    java.util.Arrays.fill(slots, EMPTY);
    int filled = 0;
    while (true) {
      for (int i = 0; i < n; i++) {
        for (int turn = 0; turn < nodes.weights[i]; turn++) {
          long c = (offset[i] + next[i] * skip[i]) % m;
          while (slots[(int) c] != EMPTY) {
            next[i]++;
            c = (offset[i] + next[i] * skip[i]) % m;
          }
          slots[(int) c] = (char) i;
          next[i]++;
          if (++filled == m) {
            return slots;
          }
        }
      }
    }
  }

  @Override
  HashRingBuilder<N> emptyBuilder() {
    return new HashRingBuilder<N>(HashAlgorithm.MAGLEV).maglevTableSize(tableSize);
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.MAGLEV;
  }

  @Override
  public N nodeFor(long keyHash) {
    nodes.requireNonEmpty();
    return nodes.node(table[(int) Long.remainderUnsigned(keyHash, table.length)]);
  }

  @Override
  public List<N> nodesFor(long keyHash, int count) {
    nodes.requireCount(count);
    return rendezvousAfter(table[(int) Long.remainderUnsigned(keyHash, table.length)], keyHash, count);
  }

  int tableSize() {
    return tableSize;
  }
}
