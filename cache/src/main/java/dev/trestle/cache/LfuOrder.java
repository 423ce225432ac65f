package dev.trestle.cache;

import java.util.function.Predicate;

/**
 * Least frequently used in constant time (Shah, Mitra and Matani, "An O(1) algorithm for
 * implementing the LFU cache eviction scheme", 2010): a list of frequency buckets in increasing
 * order, each holding its entries least recently arrived first. An access moves an entry to the
 * bucket of the next frequency, creating it if needed. A new entry starts at the frequency the
 * {@link FrequencySketch} has for its key (at least 1), which also decides admission; when the
 * sketch halves its counters every entry's frequency is halved too (aging).
 */
final class LfuOrder<K, V> implements EvictionOrder<K, V> {

  /** One frequency: its entries, least recently arrived first, linked through {@code Node.prev/next}. */
  static final class Bucket<K, V> {
    long frequency;
    Bucket<K, V> lower;
    Bucket<K, V> higher;
    Node<K, V> first;
    Node<K, V> last;

    Bucket(long frequency) {
      this.frequency = frequency;
    }
  }

  private final FrequencySketch sketch;
  private Bucket<K, V> lowest;
  private Bucket<K, V> highest;

  private long entries;

  LfuOrder(long maximum, int seed) {
    this.sketch = new FrequencySketch(maximum, seed);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Bucket<K, V> bucketOf(Node<K, V> node) {
    return (Bucket<K, V>) node.list;
  }

  @Override
  public boolean contains(Node<K, V> node) {
    return node.list != null;
  }

  /** Records an access to {@code key} in the sketch, aging the buckets when the sketch halves. */
  private void record(Object key) {
    if (sketch.increment(key)) {
      age();
    }
  }

  @Override
  public void add(Node<K, V> node) {
    sketch.ensureCapacity(++entries);
    record(node.key);
    long frequency = Math.max(1, sketch.frequency(node.key));
    Bucket<K, V> below = null;
    Bucket<K, V> bucket = lowest;
    while (bucket != null && bucket.frequency < frequency) { // at most 15 steps: sketch counts stop at 15
      below = bucket;
      bucket = bucket.higher;
    }
    if (bucket == null || bucket.frequency != frequency) {
      bucket = insertAbove(below, frequency);
    }
    append(bucket, node);
  }

  @Override
  public void touch(Node<K, V> node) {
    record(node.key);
    Bucket<K, V> from = bucketOf(node);
    Bucket<K, V> to = from.higher;
    if (to == null || to.frequency != from.frequency + 1) {
      if (from.first == node && from.last == node) { // alone in its bucket: the bucket moves up instead
        from.frequency++;
        return;
      }
      to = insertAbove(from, from.frequency + 1);
    }
    detach(node);
    append(to, node);
  }

  @Override
  public void remove(Node<K, V> node) {
    entries--;
    detach(node);
    node.prev = null;
    node.next = null;
  }

  @Override
  public Node<K, V> victim(Node<K, V> newcomer) {
    for (Bucket<K, V> bucket = lowest; bucket != null; bucket = bucket.higher) {
      for (Node<K, V> node = bucket.first; node != null; node = node.next) {
        if (node != newcomer) {
          return newcomer == null || admit(newcomer, node) ? node : newcomer;
        }
      }
    }
    return newcomer;
  }

  /** Admission: the newcomer is kept only if the sketch has seen its key more often than the victim's. */
  private boolean admit(Node<K, V> candidate, Node<K, V> victim) {
    return sketch.frequency(candidate.key) > sketch.frequency(victim.key);
  }

  @Override
  public void coldestFirst(Predicate<Node<K, V>> visitor) {
    for (Bucket<K, V> bucket = lowest; bucket != null; bucket = bucket.higher) {
      for (Node<K, V> node = bucket.first; node != null; node = node.next) {
        if (!visitor.test(node)) {
          return;
        }
      }
    }
  }

  @Override
  public void hottestFirst(Predicate<Node<K, V>> visitor) {
    for (Bucket<K, V> bucket = highest; bucket != null; bucket = bucket.lower) {
      for (Node<K, V> node = bucket.last; node != null; node = node.prev) {
        if (!visitor.test(node)) {
          return;
        }
      }
    }
  }

  /** Returns the frequency the order holds for {@code node} (for tests). */
  long frequencyOf(Node<K, V> node) {
    return bucketOf(node).frequency;
  }

  /**
   * Halves every entry's frequency (at least 1), merging the buckets that meet; O(entries), run
   * once per 10 x maximum recorded accesses. Buckets stay in order because halving keeps order, and
   * within a merged bucket the entries of the lower old frequency come first (they are colder).
   */
  private void age() {
    Bucket<K, V> bucket = lowest;
    lowest = null;
    highest = null;
    while (bucket != null) {
      Bucket<K, V> next = bucket.higher;
      long halved = Math.max(1, bucket.frequency / 2);
      if (highest != null && highest.frequency == halved) {
        if (bucket.first != null) {
          for (Node<K, V> node = bucket.first; node != null; node = node.next) {
            node.list = highest;
          }
          bucket.first.prev = highest.last;
          if (highest.last != null) {
            highest.last.next = bucket.first;
          } else {
            highest.first = bucket.first;
          }
          highest.last = bucket.last;
        }
      } else {
        bucket.frequency = halved;
        bucket.lower = highest;
        bucket.higher = null;
        if (highest != null) {
          highest.higher = bucket;
        } else {
          lowest = bucket;
        }
        highest = bucket;
      }
      bucket = next;
    }
  }

  private Bucket<K, V> insertAbove(Bucket<K, V> below, long frequency) {
    Bucket<K, V> bucket = new Bucket<>(frequency);
    Bucket<K, V> above = below == null ? lowest : below.higher;
    bucket.lower = below;
    bucket.higher = above;
    if (below == null) {
      lowest = bucket;
    } else {
      below.higher = bucket;
    }
    if (above == null) {
      highest = bucket;
    } else {
      above.lower = bucket;
    }
    return bucket;
  }

  private static <K, V> void append(Bucket<K, V> bucket, Node<K, V> node) {
    node.list = bucket;
    node.next = null;
    node.prev = bucket.last;
    if (bucket.last == null) {
      bucket.first = node;
    } else {
      bucket.last.next = node;
    }
    bucket.last = node;
  }

  /** Takes {@code node} out of its bucket, dropping the bucket if it empties. */
  private void detach(Node<K, V> node) {
    Bucket<K, V> bucket = bucketOf(node);
    if (node.prev == null) {
      bucket.first = node.next;
    } else {
      node.prev.next = node.next;
    }
    if (node.next == null) {
      bucket.last = node.prev;
    } else {
      node.next.prev = node.prev;
    }
    node.list = null;
    if (bucket.first == null) {
      if (bucket.lower == null) {
        lowest = bucket.higher;
      } else {
        bucket.lower.higher = bucket.higher;
      }
      if (bucket.higher == null) {
        highest = bucket.lower;
      } else {
        bucket.higher.lower = bucket.lower;
      }
    }
  }
}
