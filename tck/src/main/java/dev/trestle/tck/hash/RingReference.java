package dev.trestle.tck.hash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * A reference placement that a ring declares it follows (capability
 * {@link HashRingFeature#REFERENCE_PLACEMENT}, rule HASH-10.2): the kit builds the same nodes with
 * this reference, written in the kit from the published algorithm, and requires the ring to put
 * every hash where the reference does. The implementation supplies only what the published
 * algorithm leaves to it (where its points are, its permutation, its score), computed
 * independently of the ring's own code. Instances are immutable and thread-safe.
 */
public abstract class RingReference {

  RingReference() {}

  /** The nodes of {@code spec} as this reference places them. */
  abstract Placement place(RingSpec spec);

  /** Each node's points on a circle, for {@link #continuum}. */
  @FunctionalInterface
  public interface NodePoints {
    /** The points of {@code node} at {@code weight}: 64-bit positions, any order, repeats allowed. */
    long[] points(String node, int weight);
  }

  /** A node's score for a key hash, for {@link #rendezvous} and {@link #maglev}. */
  @FunctionalInterface
  public interface Score {
    /** The score of {@code node} (at {@code weight}) for {@code keyHash}: the highest wins. */
    double score(long keyHash, String node, int weight);
  }

  /** A node's Maglev permutation, for {@link #maglev}. */
  @FunctionalInterface
  public interface Permutation {
    /** {offset, skip} of {@code node} in a table of {@code tableSize} slots: its j-th preferred slot is (offset + j skip) mod M. */
    long[] offsetAndSkip(String node, int tableSize);
  }

  /**
   * Consistent hashing on a circle of 2^64 positions (Karger et al. 1997): a hash goes to the
   * owner of the first point at or after it, clockwise (wrapping past the largest); where points of
   * two nodes coincide the node whose name sorts first ({@code String.compareTo}) owns the point
   * and comes first in preference lists. {@code nodesFor(h, c)} is the first {@code c} distinct
   * owners met walking clockwise from {@code h}.
   */
  public static RingReference continuum(NodePoints points) {
    return new Continuum(points, 64);
  }

  /**
   * libketama's continuum: for each node {@code s}, digests MD5(s + "-" + k) for k below 40 (all
   * weights equal, as libmemcached and spymemcached) or below libketama's
   * {@code floorf(weight / totalWeight * 40.0 * n)} (unequal weights; at least 1, as Trestle documents,
   * since a node with no point breaks HASH-5.1), each giving four points
   * (little-endian 32-bit words); a 64-bit hash is looked up by its low 32 bits on a circle of
   * 2^32 positions, as {@link #continuum}.
   */
  static RingReference ketama() {
    return new Continuum(null, 32);
  }

  /**
   * Jump consistent hash (Lamping and Veach 2014) over the nodes in the order they were added:
   * {@code nodeFor(h)} is node {@code jump(h, n)}. Preference lists take the distinct buckets of
   * {@code h}, {@code rehash(h)}, {@code rehash(rehash(h))}, ... in turn.
   */
  public static RingReference jump(LongUnaryOperator rehash) {
    return new Jump(rehash);
  }

  /**
   * Weighted rendezvous (highest random weight) hashing: {@code nodeFor(h)} is the node of highest
   * {@code score}, preference lists are the nodes by descending score; a tie goes to the node whose
   * name sorts first.
   */
  public static RingReference rendezvous(Score score) {
    return new Rendezvous(score);
  }

  /**
   * Maglev hashing (Eisenbud et al. 2016, algorithm 1, "populate"): the nodes, in name order, take
   * turns claiming the next free slot of their permutation, a node of weight w taking w turns per
   * round, until all {@code tableSize} slots are taken; {@code nodeFor(h)} is the node of slot
   * {@code h mod tableSize} (unsigned). Preference lists start with that node and go on with the
   * others by descending {@code replicaScore} (ties to the name that sorts first).
   */
  public static RingReference maglev(int tableSize, Permutation permutation, Score replicaScore) {
    return new Maglev(tableSize, permutation, replicaScore);
  }

  /** One spec's nodes placed by a reference. */
  abstract static class Placement {
    final List<String> names; // sorted
    final int[] weights;

    Placement(RingSpec spec) {
      this.names = new ArrayList<>(spec.nodes());
      Collections.sort(names);
      this.weights = new int[names.size()];
      for (int i = 0; i < weights.length; i++) {
        weights[i] = spec.weight(names.get(i));
      }
    }

    abstract String nodeFor(long keyHash);

    abstract List<String> nodesFor(long keyHash, int count);

    /** Hashes where a mistake shows (the points themselves, their neighbours, every table slot). */
    long[] probes() {
      return new long[0];
    }

    /** Whether the kit should check preference lists at the probes too (not for a table of slots). */
    boolean listsAtProbes() {
      return true;
    }

    /** {@code first} (if not -1), then the other nodes by descending score, ties to the name that sorts first. */
    List<String> byScore(Score score, long keyHash, int count, int first) {
      int n = names.size();
      double[] scores = new double[n];
      boolean[] taken = new boolean[n];
      for (int i = 0; i < n; i++) {
        scores[i] = score.score(keyHash, names.get(i), weights[i]);
      }
      List<String> result = new ArrayList<>(count);
      if (first >= 0) {
        result.add(names.get(first));
        taken[first] = true;
      }
      while (result.size() < count) {
        int best = -1;
        for (int i = 0; i < n; i++) {
          if (!taken[i] && (best < 0 || scores[i] > scores[best])) {
            best = i;
          }
        }
        taken[best] = true;
        result.add(names.get(best));
      }
      return result;
    }
  }

  private static final class Continuum extends RingReference {
    private final NodePoints points;
    private final int bits;

    Continuum(NodePoints points, int bits) {
      this.points = points;
      this.bits = bits;
    }

    @Override
    Placement place(RingSpec spec) {
      return new Placement(spec) {
        final long[] sorted;
        final int[] owners;

        {
          List<long[]> pairs = new ArrayList<>(); // {position, owner}
          int n = names.size();
          boolean equal = true;
          long total = 0;
          for (int w : weights) {
            equal &= w == weights[0];
            total += w;
          }
          for (int i = 0; i < n; i++) {
            for (long p : bits == 32 ? ketamaPoints(names.get(i), equal ? 40 : Math.max(1, libketamaDigests(weights[i], total, n)))
                : points.points(names.get(i), weights[i])) {
              pairs.add(new long[] {p, i});
            }
          }
          pairs.sort((a, b) -> a[0] != b[0] ? Long.compareUnsigned(a[0], b[0]) : Long.compare(a[1], b[1]));
          sorted = new long[pairs.size()];
          owners = new int[pairs.size()];
          for (int i = 0; i < sorted.length; i++) {
            sorted[i] = pairs.get(i)[0];
            owners[i] = (int) pairs.get(i)[1];
          }
        }

        /** The index of the first point at or after {@code hash}, clockwise. */
        int first(long keyHash) {
          long hash = bits == 32 ? keyHash & 0xFFFF_FFFFL : keyHash;
          int lo = 0;
          int hi = sorted.length; // first index with sorted[i] >= hash (unsigned)
          while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(sorted[mid], hash) < 0) {
              lo = mid + 1;
            } else {
              hi = mid;
            }
          }
          return lo == sorted.length ? 0 : lo;
        }

        @Override
        String nodeFor(long keyHash) {
          return names.get(owners[first(keyHash)]);
        }

        @Override
        List<String> nodesFor(long keyHash, int count) {
          List<String> result = new ArrayList<>(count);
          boolean[] taken = new boolean[names.size()];
          int i = first(keyHash);
          for (int seen = 0; seen < sorted.length && result.size() < count; seen++, i = (i + 1) % sorted.length) {
            if (!taken[owners[i]]) {
              taken[owners[i]] = true;
              result.add(names.get(owners[i]));
            }
          }
          return result;
        }

        @Override
        long[] probes() {
          long[] probes = new long[sorted.length * 3 + (bits == 32 ? sorted.length : 0)];
          int k = 0;
          for (long p : sorted) {
            probes[k++] = p;
            probes[k++] = p + 1;
            probes[k++] = p - 1;
            if (bits == 32) {
              probes[k++] = p | 0x5DEE_CE66_0000_0000L; // the high 32 bits must not matter
            }
          }
          return probes;
        }
      };
    }

    /** libketama: {@code ks} digests of {@code node + "-" + k}, four points each. */
    private static long[] ketamaPoints(String node, int digests) {
      long[] points = new long[digests * 4];
      for (int k = 0; k < digests; k++) {
        byte[] digest = ReferenceHashes.md5((node + "-" + k).getBytes(StandardCharsets.UTF_8));
        for (int h = 0; h < 4; h++) {
          points[k * 4 + h] = ReferenceHashes.ketamaWord(digest, h);
        }
      }
      return points;
    }

    /** libketama's {@code floorf(pct * 40.0 * (float) numservers)} with {@code pct} a float. */
    private static int libketamaDigests(int weight, long totalWeight, int n) {
      float pct = (float) weight / (float) totalWeight;
      return (int) Math.floor((float) (pct * 40.0 * (float) n));
    }
  }

  private static final class Jump extends RingReference {
    private final LongUnaryOperator rehash;

    Jump(LongUnaryOperator rehash) {
      this.rehash = rehash;
    }

    @Override
    Placement place(RingSpec spec) {
      List<String> order = spec.nodes();
      return new Placement(spec) {
        @Override
        String nodeFor(long keyHash) {
          return order.get(ReferenceHashes.jump(keyHash, order.size()));
        }

        @Override
        List<String> nodesFor(long keyHash, int count) {
          List<String> result = new ArrayList<>(count);
          long hash = keyHash;
          while (result.size() < count) {
            String node = order.get(ReferenceHashes.jump(hash, order.size()));
            if (!result.contains(node)) {
              result.add(node);
            }
            hash = rehash.applyAsLong(hash);
          }
          return result;
        }
      };
    }
  }

  private static final class Rendezvous extends RingReference {
    private final Score score;

    Rendezvous(Score score) {
      this.score = score;
    }

    @Override
    Placement place(RingSpec spec) {
      return new Placement(spec) {
        @Override
        String nodeFor(long keyHash) {
          return byScore(score, keyHash, 1, -1).get(0);
        }

        @Override
        List<String> nodesFor(long keyHash, int count) {
          return byScore(score, keyHash, count, -1);
        }
      };
    }
  }

  private static final class Maglev extends RingReference {
    private final int tableSize;
    private final Permutation permutation;
    private final Score replicaScore;

    Maglev(int tableSize, Permutation permutation, Score replicaScore) {
      this.tableSize = tableSize;
      this.permutation = permutation;
      this.replicaScore = replicaScore;
    }

    @Override
    Placement place(RingSpec spec) {
      return new Placement(spec) {
        final int[] table = populate();

        private int[] populate() {
          int n = names.size();
          int m = tableSize;
          long[] offset = new long[n];
          long[] skip = new long[n];
          long[] next = new long[n];
          for (int i = 0; i < n; i++) {
            long[] os = permutation.offsetAndSkip(names.get(i), m);
            offset[i] = os[0];
            skip[i] = os[1];
          }
          int[] entry = new int[m];
          Arrays.fill(entry, -1);
          int filled = 0;
          while (n > 0) {
            for (int i = 0; i < n; i++) {
              for (int turn = 0; turn < weights[i]; turn++) {
                long c = (offset[i] + next[i] * skip[i]) % m;
                while (entry[(int) c] >= 0) {
                  next[i]++;
                  c = (offset[i] + next[i] * skip[i]) % m;
                }
                entry[(int) c] = i;
                next[i]++;
                filled++;
                if (filled == m) {
                  return entry;
                }
              }
            }
          }
          return entry;
        }

        private int slotOwner(long keyHash) {
          return table[(int) Long.remainderUnsigned(keyHash, tableSize)];
        }

        @Override
        String nodeFor(long keyHash) {
          return names.get(slotOwner(keyHash));
        }

        @Override
        List<String> nodesFor(long keyHash, int count) {
          return byScore(replicaScore, keyHash, count, slotOwner(keyHash));
        }

        /** Every slot, for rings of 7 nodes or more (smaller ones are checked at the random hashes alone, to save time). */
        @Override
        long[] probes() {
          if (names.size() < 7) {
            return new long[0];
          }
          long[] probes = new long[tableSize];
          for (int s = 0; s < tableSize; s++) {
            probes[s] = s;
          }
          return probes;
        }

        @Override
        boolean listsAtProbes() {
          return false;
        }
      };
    }
  }
}
