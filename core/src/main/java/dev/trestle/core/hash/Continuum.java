package dev.trestle.core.hash;

import java.util.ArrayList;
import java.util.List;

/**
 * Points on a hash circle, sorted, with the index of the node that owns each: the structure shared by
 * the virtual-node and ketama rings. Two nodes that draw the same point are ordered by node index
 * (name order), so the continuum does not depend on the order nodes were added in.
 */
final class Continuum {

  private static final int INSERTION_SORT_MAX = 16;

  /** The circle's circumference as a double: 2^64 for full 64-bit points, 2^32 for ketama's. */
  private final double circle;
  final long[] points;
  final int[] owners;
  /**
   * {@code bucketStart[b]} is the first point whose top {@code bucketBits} bits (in circle order)
   * are at least b: a lookup reads one bucket of about two points instead of binary-searching the
   * whole array, which at 10,000 nodes would take some 20 cache misses.
   */
  private final int[] bucketStart;
  private final int bucketBits;

  private Continuum(long[] points, int[] owners, double circle) {
    this.points = points;
    this.owners = owners;
    this.circle = circle;
    int n = points.length;
    this.bucketBits = n < 4 ? 1 : Math.min(24, 31 - Integer.numberOfLeadingZeros(n) - 1);
    int buckets = 1 << bucketBits;
    this.bucketStart = new int[buckets + 1];
    int i = 0;
    for (int b = 0; b <= buckets; b++) {
      while (i < n && bucket(points[i]) < b) {
        i++;
      }
      bucketStart[b] = i;
    }
  }

  /** The point's position on the circle as an unsigned 64-bit value, monotone in circle order. */
  private long unsignedPosition(long point) {
    return circle == 0x1p64 ? point ^ Long.MIN_VALUE : point << 32;
  }

  private int bucket(long point) {
    return (int) (unsignedPosition(point) >>> (64 - bucketBits));
  }

  /** Sorts {@code points} (signed order) with their owners, ties broken by owner index. */
  static Continuum sorted(long[] points, int[] owners, double circle) {
    sort(points, owners, 0, points.length);
    return new Continuum(points, owners, circle);
  }

  private static boolean less(long[] p, int[] o, int a, int b) {
    return p[a] < p[b] || (p[a] == p[b] && o[a] < o[b]);
  }

  private static void swap(long[] p, int[] o, int a, int b) {
    long tp = p[a];
    p[a] = p[b];
    p[b] = tp;
    int to = o[a];
    o[a] = o[b];
    o[b] = to;
  }

  /** Quicksort of the pairs in [from, to), recursing into the smaller side so the stack stays O(log n). */
  private static void sort(long[] p, int[] o, int from, int to) {
    while (to - from > INSERTION_SORT_MAX) {
      int mid = (from + to) >>> 1;
      int last = to - 1;
      // median of three into mid
      if (less(p, o, mid, from)) {
        swap(p, o, mid, from);
      }
      if (less(p, o, last, from)) {
        swap(p, o, last, from);
      }
      if (less(p, o, last, mid)) {
        swap(p, o, last, mid);
      }
      long pivotPoint = p[mid];
      int pivotOwner = o[mid];
      int i = from;
      int j = last;
      while (i <= j) {
        while (p[i] < pivotPoint || (p[i] == pivotPoint && o[i] < pivotOwner)) {
          i++;
        }
        while (p[j] > pivotPoint || (p[j] == pivotPoint && o[j] > pivotOwner)) {
          j--;
        }
        if (i <= j) {
          swap(p, o, i++, j--);
        }
      }
      if (j + 1 - from < to - i) {
        sort(p, o, from, j + 1);
        from = i;
      } else {
        sort(p, o, i, to);
        to = j + 1;
      }
    }
    for (int i = from + 1; i < to; i++) {
      for (int j = i; j > from && less(p, o, j, j - 1); j--) {
        swap(p, o, j, j - 1);
      }
    }
  }

  /** The index of the first point at or after {@code hash}, wrapping to 0 past the last. */
  int firstPoint(long hash) {
    int b = bucket(hash);
    int i = bucketStart[b];
    int end = bucketStart[b + 1];
    while (i < end && points[i] < hash) {
      i++;
    }
    return i == points.length ? 0 : i;
  }

  int ownerOf(long hash) {
    return owners[firstPoint(hash)];
  }

  /** Distinct owners walking clockwise from {@code hash}. */
  <N> List<N> walk(long hash, int count, Nodes<N> nodes) {
    List<N> result = new ArrayList<>(count);
    boolean[] taken = new boolean[nodes.size()];
    int i = firstPoint(hash);
    for (int seen = 0; result.size() < count && seen < points.length; seen++) {
      if (!taken[owners[i]]) {
        taken[owners[i]] = true;
        result.add(nodes.node(owners[i]));
      }
      i = i + 1 == points.length ? 0 : i + 1;
    }
    return result;
  }

  /** The fraction of the circle each node owns (exact load for uniform keys), by node index. */
  double[] arcShares(int nodeCount) {
    double[] share = new double[nodeCount];
    if (points.length == 0) {
      return share;
    }
    for (int i = 0; i < points.length; i++) {
      long previous = points[i == 0 ? points.length - 1 : i - 1];
      double arc = points.length == 1 ? circle : distance(previous, points[i]);
      share[owners[i]] += arc / circle;
    }
    return share;
  }

  /** The clockwise distance from {@code from} (exclusive) to {@code to} (inclusive). */
  private double distance(long from, long to) {
    long d = to - from;
    if (circle == 0x1p64) {
      return d >= 0 ? (double) d : (double) d + 0x1p64;
    }
    return d >= 0 ? (double) d : d + circle;
  }

  int size() {
    return points.length;
  }
}
