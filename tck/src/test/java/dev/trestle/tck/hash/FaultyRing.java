package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.Murmur3;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A plain virtual-node ring (100 points per unit of weight on a {@code TreeMap}) with one optional
 * fault, so the kit's self-test can show each rule catching the fault it is about. Without a fault it
 * meets every rule except ketama compatibility; built as a ketama ring (libketama's MD5 points and
 * key hash, equal weights only) it meets HASH-7.1 and 7.2 too.
 */
final class FaultyRing implements HashRing<String> {

  enum Fault {
    /** Adds a per-instance salt to every point: two rings of the same nodes disagree. */
    NONDETERMINISTIC,
    /** Nodes added by {@code with} get points from another formula than those built at once. */
    GROWN_DIFFERS,
    /** Points come from a node's position in the build order, not its name. */
    UNSTABLE_ORDER,
    /** Hashes CharSequence keys with String.hashCode instead of their UTF-8 bytes. */
    CHARS_HASHED_DIFFERENTLY,
    /** {@code with} changes this ring and returns it. */
    MUTABLE,
    /** One point per node. */
    TOO_FEW_POINTS,
    /** {@code node = nodes[hash mod n]}: most keys move on any change. */
    MODULO,
    /** {@code without} rebuilds the ring with another seed. */
    REMOVAL_RESEEDS,
    /** Keys past the last point go to the last point's node instead of wrapping to the first. */
    WRAP_OFF_BY_ONE,
    /** {@code nodesFor} returns the owners of the next points without removing repeats. */
    DUPLICATE_REPLICAS,
    /** {@code nodesFor} reverses all but the first node, so a longer list is no extension of a shorter. */
    PREFIX_BROKEN,
    /** Gives every node one unit of points whatever its weight. */
    IGNORES_WEIGHTS,
    /** {@code weight} reports 1 for every node. */
    MISREPORTS_WEIGHT,
    /** Declares ketama compatibility but hashes with Murmur3. */
    NOT_KETAMA,
    /** Looks up an empty ring as null. */
    EMPTY_RETURNS_NULL,
    /** {@code with} of a held node replaces it silently. */
    ACCEPTS_DUPLICATE,
    /** A weight of zero or less is taken as 1. */
    ACCEPTS_NON_POSITIVE_WEIGHT,
    /** {@code nodesFor} returns as many nodes as it has, whatever count was asked for. */
    COUNT_UNCHECKED,
    /** A null CharSequence key is looked up as the string "null". */
    NULL_KEY_AS_STRING,
    /** Builds every preference list in one shared scratch list. */
    NOT_THREAD_SAFE,
    /** {@code without} takes out one weight unit of the node's points, not all of them: a node of weight 3 keeps two thirds of its keys. */
    REMOVAL_KEEPS_WEIGHT,
    /** {@code nodes()} hands out the ring's own key set: removing from it removes the node from nodes() and weight() but not its points. */
    EXPOSES_NODES,
    /** {@code nodesFor} memoizes each answer and hands out the memoized list itself, so a caller's change becomes the next answer. */
    SHARES_PREFERENCE_LISTS,
    /** {@code keyHash} is MurmurHash3 with seed 1 instead of 0: consistent, balanced, but not the declared hash. */
    KEY_HASH_SEEDED,
    /** A hash exactly on a point goes to the next point's node (the first point after the hash, not at or after it). */
    ON_POINT_GOES_PAST,
    /** (ketama) Where two nodes draw the same point, the node added last owns it, as a TreeMap.put in insertion order does. */
    KETAMA_TIE_TO_LAST_ADDED
  }

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final int POINTS_PER_WEIGHT = 100;

  private final Fault fault;
  private final boolean ketama;
  private final long salt;
  private Map<String, Integer> weights; // insertion order; not final only for MUTABLE
  private TreeMap<Long, String> points;
  private final List<String> scratch = new ArrayList<>();
  private final Map<String, List<String>> memo = new java.util.concurrent.ConcurrentHashMap<>();

  FaultyRing(Fault fault, Map<String, Integer> weights) {
    this(fault, false, weights);
  }

  /** A ring with {@code fault}; with {@code ketama}, libketama's continuum (40 digests per node, weights ignored). */
  FaultyRing(Fault fault, boolean ketama, Map<String, Integer> weights) {
    this(fault, ketama, weights, fault == Fault.NONDETERMINISTIC ? System.identityHashCode(new Object()) : 0, Set.of());
  }

  private FaultyRing(Fault fault, boolean ketama, Map<String, Integer> weights, long salt, Set<String> grown) {
    this.fault = fault;
    this.ketama = ketama;
    this.salt = salt;
    for (Map.Entry<String, Integer> entry : weights.entrySet()) {
      if (entry.getValue() <= 0 && fault != Fault.ACCEPTS_NON_POSITIVE_WEIGHT) {
        throw new IllegalArgumentException("weight must be positive, was " + entry.getValue() + " for " + entry.getKey());
      }
    }
    this.weights = new LinkedHashMap<>(weights);
    this.points = place(this.weights, grown);
  }

  private TreeMap<Long, String> place(Map<String, Integer> weights, Set<String> grown) {
    TreeMap<Long, String> placed = new TreeMap<>();
    List<String> sorted = new ArrayList<>(weights.keySet());
    Collections.sort(sorted);
    List<String> order = new ArrayList<>(weights.keySet());
    if (ketama) {
      // a point is kept as point << 16 | rank, so that two nodes sharing a point both keep it, the lower rank first:
      // the rank is the name order, or with KETAMA_TIE_TO_LAST_ADDED the reverse of the order nodes were added in
      for (int i = 0; i < sorted.size(); i++) {
        String node = sorted.get(i);
        long rank = fault == Fault.KETAMA_TIE_TO_LAST_ADDED ? order.size() - 1 - order.indexOf(node) : i;
        for (int k = 0; k < 40; k++) {
          byte[] digest = md5((node + "-" + k).getBytes(java.nio.charset.StandardCharsets.UTF_8));
          for (int h = 0; h < 4; h++) {
            long point = (digest[h * 4] & 0xFFL) | (digest[h * 4 + 1] & 0xFFL) << 8 | (digest[h * 4 + 2] & 0xFFL) << 16
                | (digest[h * 4 + 3] & 0xFFL) << 24;
            placed.put(point << 16 | rank, node);
          }
        }
      }
      return placed;
    }
    for (String node : sorted) {
      int weight = fault == Fault.IGNORES_WEIGHTS ? 1 : Math.max(1, weights.get(node));
      int count = fault == Fault.TOO_FEW_POINTS ? 1 : weight * POINTS_PER_WEIGHT;
      long base = fault == Fault.UNSTABLE_ORDER ? Murmur3.fmix64(order.indexOf(node) + 1) : Murmur3.hash64(node);
      if (grown.contains(node)) {
        base = Murmur3.hash64(node + "#grown");
      }
      for (int j = 0; j < count; j++) {
        placed.putIfAbsent(Murmur3.fmix64(base + j * GOLDEN + salt), node);
      }
    }
    return placed;
  }

  @Override
  public String nodeFor(long keyHash) {
    if (weights.isEmpty()) {
      if (fault == Fault.EMPTY_RETURNS_NULL) {
        return null;
      }
      throw new IllegalStateException("the ring has no nodes");
    }
    return lookup(keyHash);
  }

  private String lookup(long keyHash) {
    if (fault == Fault.MODULO) {
      List<String> order = new ArrayList<>(weights.keySet());
      return order.get((int) Long.remainderUnsigned(keyHash, order.size()));
    }
    return start(keyHash).getValue();
  }

  private static byte[] md5(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("MD5").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public long keyHash(byte[] key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    if (ketama) {
      byte[] digest = md5(key);
      return (digest[0] & 0xFFL) | (digest[1] & 0xFFL) << 8 | (digest[2] & 0xFFL) << 16 | (digest[3] & 0xFFL) << 24;
    }
    return fault == Fault.KEY_HASH_SEEDED ? Murmur3.hash64(key, 1) : Murmur3.hash64(key);
  }

  private Map.Entry<Long, String> start(long keyHash) {
    if (ketama) {
      keyHash = (keyHash & 0xFFFF_FFFFL) << 16;
    }
    Map.Entry<Long, String> entry = fault == Fault.ON_POINT_GOES_PAST ? points.higherEntry(keyHash) : points.ceilingEntry(keyHash);
    if (entry == null) {
      entry = fault == Fault.WRAP_OFF_BY_ONE ? points.lastEntry() : points.firstEntry();
    }
    return entry;
  }

  @Override
  public String nodeFor(CharSequence key) {
    if (key == null && fault == Fault.NULL_KEY_AS_STRING) {
      return nodeFor("null");
    }
    if (key != null && fault == Fault.CHARS_HASHED_DIFFERENTLY) {
      return nodeFor(Murmur3.fmix64(key.toString().hashCode()));
    }
    return HashRing.super.nodeFor(key);
  }

  @Override
  public List<String> nodesFor(long keyHash, int count) {
    if (weights.isEmpty()) {
      throw new IllegalStateException("the ring has no nodes");
    }
    if (fault == Fault.COUNT_UNCHECKED) {
      count = Math.max(0, Math.min(count, weights.size()));
    } else if (count < 1 || count > weights.size()) {
      throw new IllegalArgumentException("count must be between 1 and " + weights.size() + ", was " + count);
    }
    if (fault == Fault.SHARES_PREFERENCE_LISTS) {
      int asked = count;
      return memo.computeIfAbsent(keyHash + "x" + count, k -> preferences(keyHash, asked));
    }
    return preferences(keyHash, count);
  }

  private List<String> preferences(long keyHash, int count) {
    List<String> result = fault == Fault.NOT_THREAD_SAFE ? scratch : new ArrayList<>(count);
    result.clear();
    if (fault == Fault.MODULO) {
      List<String> order = new ArrayList<>(weights.keySet());
      int first = (int) Long.remainderUnsigned(keyHash, order.size());
      for (int i = 0; i < count; i++) {
        result.add(order.get((first + i) % order.size()));
      }
      return result;
    }
    Map.Entry<Long, String> entry = start(keyHash);
    long point = entry.getKey();
    for (int seen = 0; result.size() < count && seen <= points.size(); seen++) {
      String node = entry.getValue();
      if (fault == Fault.DUPLICATE_REPLICAS || !result.contains(node)) {
        result.add(node);
        if (fault == Fault.NOT_THREAD_SAFE) {
          Thread.yield();
        }
      }
      entry = points.higherEntry(point);
      if (entry == null) {
        entry = points.firstEntry();
      }
      point = entry.getKey();
    }
    if (fault == Fault.PREFIX_BROKEN && result.size() > 2) {
      Collections.reverse(result.subList(1, result.size()));
    }
    return fault == Fault.NOT_THREAD_SAFE ? new ArrayList<>(result) : result;
  }

  @Override
  public Set<String> nodes() {
    if (fault == Fault.EXPOSES_NODES) {
      return weights.keySet();
    }
    return Collections.unmodifiableSet(new LinkedHashSet<>(weights.keySet()));
  }

  @Override
  public int weight(String node) {
    Integer weight = weights.get(node);
    if (weight == null) {
      throw new IllegalArgumentException("the ring holds no node " + node);
    }
    return fault == Fault.MISREPORTS_WEIGHT ? 1 : weight;
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.VIRTUAL_NODES;
  }

  @Override
  public HashRing<String> with(String node, int weight) {
    if (node == null) {
      throw new NullPointerException("node must not be null");
    }
    if (weights.containsKey(node) && fault != Fault.ACCEPTS_DUPLICATE) {
      throw new IllegalArgumentException("duplicate node " + node);
    }
    Map<String, Integer> grown = new LinkedHashMap<>(weights);
    grown.put(node, fault == Fault.ACCEPTS_NON_POSITIVE_WEIGHT ? Math.max(1, weight) : weight);
    if (fault == Fault.MUTABLE) {
      weights = grown;
      points = place(grown, Set.of());
      return this;
    }
    return new FaultyRing(fault, ketama, grown, salt, fault == Fault.GROWN_DIFFERS ? Set.of(node) : Set.of());
  }

  @Override
  public HashRing<String> without(String node) {
    if (!weights.containsKey(node)) {
      throw new IllegalArgumentException("the ring holds no node " + node);
    }
    Map<String, Integer> shrunk = new LinkedHashMap<>(weights);
    shrunk.remove(node);
    FaultyRing result = new FaultyRing(fault, ketama, shrunk, fault == Fault.REMOVAL_RESEEDS ? salt + 1 : salt, Set.of());
    if (fault == Fault.REMOVAL_KEEPS_WEIGHT) {
      // the points as they were, less the first weight unit of the node's: the rest still lead to it
      TreeMap<Long, String> kept = new TreeMap<>(points);
      long base = Murmur3.hash64(node);
      for (int j = 0; j < POINTS_PER_WEIGHT; j++) {
        kept.remove(Murmur3.fmix64(base + j * GOLDEN + salt), node);
      }
      result.points = kept;
    }
    return result;
  }
}
