package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashRing;
import dev.trestle.tck.ConformanceKit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link HashRing}: the rules {@code HASH-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, build a ring of {@code String} nodes to the {@link RingSpec}
 * in {@link #newRing}, declare your capabilities in {@link #features()}, and state your bounds by
 * overriding {@link #peakToMeanBound()}, {@link #movedFractionFactor()} and
 * {@link #weightTolerance()} (the defaults are deliberately loose):
 *
 * <pre>{@code
 * class MyRingConformanceTest extends HashRingTck {
 *   protected HashRing<String> newRing(RingSpec spec) {
 *     HashRingBuilder<String> builder = HashRing.builder(HashAlgorithm.RENDEZVOUS);
 *     spec.nodes().forEach(node -> builder.node(node, spec.weight(node)));
 *     return builder.build();
 *   }
 *   protected Set<HashRingFeature> features() { return EnumSet.allOf(HashRingFeature.class); }
 *   protected double peakToMeanBound() { return 1.1; }
 * }
 * }</pre>
 *
 * <p>A ring that follows a published algorithm exactly can say so: {@code MURMUR3_KEYS} for
 * MurmurHash3 key hashes, {@code KETAMA} for libketama's continuum, and {@code REFERENCE_PLACEMENT}
 * with {@link #reference()} returning the {@link RingReference} it follows; the kit then checks
 * exact answers against its own implementation of that algorithm (HASH-7.2, 10.1, 10.2).
 *
 * <p>Keys are drawn from a fixed seed, so every run checks the same keys; besides them the kit
 * looks up extreme precomputed hashes ({@code Long.MIN_VALUE}, {@code -1}, {@code 0},
 * {@code 2^32 - 1}, {@code Long.MAX_VALUE}, ...) where wrap-around mistakes show.
 */
public abstract class HashRingTck extends ConformanceKit<HashRingFeature> {

  private static final long SEED = 0x7E57_1E_2026L;
  private static final int SMALL = 10;
  private static final int BALANCE_NODES = 100;
  private static final int BALANCE_KEYS = 100_000;
  private static final int MOVE_KEYS = 50_000;
  private static final long[] EXTREME_HASHES = {
    Long.MIN_VALUE, Long.MIN_VALUE + 1, -2, -1, 0, 1, 2, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFEL,
    0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE - 1, Long.MAX_VALUE
  };

  /**
   * Returns a new ring holding the spec's nodes, added in the spec's order, at the spec's weights.
   * An empty spec asks for an empty ring.
   */
  protected abstract HashRing<String> newRing(RingSpec spec);

  /**
   * The most keys any of 100 equally weighted nodes may receive, as a multiple of the mean, for
   * 100,000 uniformly random keys (sampling noise included: even a perfect ring shows about 1.08).
   * Default 1.5.
   */
  protected double peakToMeanBound() {
    return 1.5;
  }

  /**
   * How far above the ideal the fraction of keys moved by adding or removing one node of 10 may go:
   * at most {@code factor / 11} of the keys move when an eleventh node is added, at most
   * {@code factor / 10} when one of ten is removed. Default 1.5.
   */
  protected double movedFractionFactor() {
    return 1.5;
  }

  /**
   * How far the share of keys of the nodes of each weight may stray from their share of the total
   * weight, as a ratio in {@code [1 / tolerance, tolerance]}. Default 1.2.
   */
  protected double weightTolerance() {
    return 1.2;
  }

  /**
   * The placement the ring follows, for rings that declare {@link HashRingFeature#REFERENCE_PLACEMENT}
   * (HASH-10.2): one of {@link RingReference}'s published algorithms, given what that algorithm
   * leaves to the implementation (its points, permutation or score), computed without the ring's own
   * code. Null by default.
   */
  protected RingReference reference() {
    return null;
  }

  // ---- helpers ----

  static List<String> names(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add("10.0." + (i / 250) + "." + (i % 250 + 1) + ":11211");
    }
    return names;
  }

  static List<String> keys(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> keys = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      keys.add("key:" + Long.toHexString(random.nextLong()));
    }
    return keys;
  }

  private HashRing<String> ring(RingSpec spec) {
    HashRing<String> ring = implementation(newRing(spec));
    if (ring == null) {
      throw violation("HASH-0", "newRing to return a ring for " + spec, "null");
    }
    return ring;
  }

  @Override
  protected Object sampleImplementation() {
    return newRing(RingSpec.of(List.of("10.0.0.1:11211", "10.0.0.2:11211")));
  }

  private HashRing<String> ring(List<String> nodes) {
    return ring(RingSpec.of(nodes));
  }

  private static Map<String, String> mapping(HashRing<String> ring, List<String> keys) {
    Map<String, String> mapping = new HashMap<>(keys.size() * 2);
    for (String key : keys) {
      mapping.put(key, ring.nodeFor(key));
    }
    return mapping;
  }

  private static String[] extremes(HashRing<String> ring) {
    String[] nodes = new String[EXTREME_HASHES.length];
    for (int i = 0; i < nodes.length; i++) {
      nodes[i] = ring.nodeFor(EXTREME_HASHES[i]);
    }
    return nodes;
  }

  /** Fails {@code rule} with the first key whose node differs between the two rings. */
  private void expectSameMapping(String rule, String what, HashRing<String> expected, HashRing<String> seen, List<String> keys) {
    for (String key : keys) {
      String a = expected.nodeFor(key);
      String b = seen.nodeFor(key);
      expect(a.equals(b), rule, what + ": key " + key + " on " + a, b);
    }
    for (long hash : EXTREME_HASHES) {
      String a = expected.nodeFor(hash);
      String b = seen.nodeFor(hash);
      expect(a.equals(b), rule, what + ": hash " + hash + " on " + a, b);
    }
  }

  /** Checks that going from {@code before} to {@code after} moved keys only to {@code added} or only off {@code removed}. */
  private void expectOnlyNecessaryMoves(String rule, HashRing<String> before, HashRing<String> after,
      String added, String removed, List<String> keys) {
    for (String key : keys) {
      String was = before.nodeFor(key);
      String now = after.nodeFor(key);
      boolean allowed = was.equals(now) || (added != null && now.equals(added)) || (removed != null && was.equals(removed));
      expect(allowed, rule, "key " + key + " to stay on " + was
          + (added != null ? " or move to the added " + added : " (only keys of the removed " + removed + " may move)"),
          "it moved to " + now);
    }
    for (long hash : EXTREME_HASHES) {
      String was = before.nodeFor(hash);
      String now = after.nodeFor(hash);
      boolean allowed = was.equals(now) || (added != null && now.equals(added)) || (removed != null && was.equals(removed));
      expect(allowed, rule, "hash " + hash + " to stay on " + was, "it moved to " + now);
    }
  }

  private static double movedFraction(HashRing<String> before, HashRing<String> after, List<String> keys) {
    int moved = 0;
    for (String key : keys) {
      if (!before.nodeFor(key).equals(after.nodeFor(key))) {
        moved++;
      }
    }
    return (double) moved / keys.size();
  }

  private void expectThrows(String rule, Class<? extends Throwable> type, String call, Callable<?> action) {
    Object returned;
    try {
      returned = action.call();
    } catch (Throwable thrown) {
      expect(type.isInstance(thrown), rule, call + " to throw " + type.getSimpleName(), thrown);
      expect(thrown.getMessage() != null && !thrown.getMessage().isBlank(), rule,
          call + " to explain itself in the exception message", "no message on " + thrown);
      return;
    }
    throw violation(rule, call + " to throw " + type.getSimpleName(), "it returned " + returned);
  }

  // ---- 1. Determinism ----

  @Test
  @DisplayName("HASH-1.1 the same key maps to the same node on every lookup and in every ring built from the same nodes")
  void deterministic() {
    List<String> nodes = names(SMALL);
    HashRing<String> a = ring(nodes);
    HashRing<String> b = ring(nodes);
    List<String> keys = keys(20_000, SEED);
    expectSameMapping("HASH-1.1", "a second lookup in the same ring", a, a, keys);
    expectSameMapping("HASH-1.1", "a second ring of the same nodes", a, b, keys);
  }

  @Test
  @DisplayName("HASH-1.2 a ring grown with `with` or shrunk with `without` maps keys as one built with those nodes at once")
  void incrementalEqualsBatch() {
    List<String> nodes = names(SMALL);
    HashRing<String> grown = ring(nodes.subList(0, 1));
    for (String node : nodes.subList(1, nodes.size())) {
      grown = grown.with(node);
    }
    List<String> keys = keys(20_000, SEED + 1);
    expectSameMapping("HASH-1.2", "a ring grown node by node, as one built at once", ring(nodes), grown, keys);
    HashRing<String> shrunk = ring(nodes).without(nodes.get(nodes.size() - 1));
    expectSameMapping("HASH-1.2", "a ring shrunk by its last node, as one built without it",
        ring(nodes.subList(0, nodes.size() - 1)), shrunk, keys);
  }

  @Test
  @DisplayName("HASH-1.3 the order nodes are added in does not change where any key goes")
  void orderIndependent() {
    requireFeature(HashRingFeature.ORDER_INDEPENDENT);
    List<String> nodes = names(SMALL);
    List<String> reversed = new ArrayList<>(nodes);
    Collections.reverse(reversed);
    List<String> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, new java.util.Random(SEED));
    List<String> keys = keys(20_000, SEED + 2);
    HashRing<String> reference = ring(nodes);
    expectSameMapping("HASH-1.3", "nodes added in reverse order", reference, ring(reversed), keys);
    expectSameMapping("HASH-1.3", "nodes added in shuffled order " + shuffled, reference, ring(shuffled), keys);
  }

  @Test
  @DisplayName("HASH-1.4 a key maps alike as a CharSequence, as its UTF-8 bytes and as its keyHash")
  void keyFormsAgree() {
    HashRing<String> ring = ring(names(SMALL));
    List<String> keys = new ArrayList<>(keys(2_000, SEED + 3));
    keys.addAll(List.of("", "ключ", "鍵", "😀 surrogate pair", "a\u0000b", "é", "e\u0301"));
    for (String key : keys) {
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      String expected = ring.nodeFor(key);
      expectEqual("HASH-1.4", "nodeFor of the UTF-8 bytes of \"" + key + "\" to be nodeFor of the string", expected, ring.nodeFor(bytes));
      expectEqual("HASH-1.4", "nodeFor(keyHash(\"" + key + "\")) to be nodeFor of the string", expected, ring.nodeFor(ring.keyHash(bytes)));
      expectEqual("HASH-1.4", "nodeFor of \"" + key + "\" as a StringBuilder to be nodeFor of the string", expected, ring.nodeFor(new StringBuilder(key)));
      List<String> three = ring.nodesFor(key, 3);
      expectEqual("HASH-1.4", "nodesFor of the UTF-8 bytes of \"" + key + "\" to be nodesFor of the string", three, ring.nodesFor(bytes, 3));
    }
  }

  @Test
  @DisplayName("HASH-1.5 with and without return new rings and leave the original unchanged")
  void immutable() {
    List<String> nodes = names(SMALL);
    HashRing<String> ring = ring(nodes);
    List<String> keys = keys(10_000, SEED + 4);
    Map<String, String> before = mapping(ring, keys);
    Set<String> nodesBefore = new HashSet<>(ring.nodes());
    HashRing<String> bigger = ring.with("10.9.9.9:11211");
    HashRing<String> smaller = ring.without(nodes.get(nodes.size() - 1));
    expectEqual("HASH-1.5", "the original to keep its " + SMALL + " nodes", nodesBefore, new HashSet<>(ring.nodes()));
    expectEqual("HASH-1.5", "every key of the original ring where it was", before, mapping(ring, keys));
    expectEqual("HASH-1.5", (SMALL + 1) + " nodes after with", SMALL + 1, bigger.nodes().size());
    expectEqual("HASH-1.5", (SMALL - 1) + " nodes after without", SMALL - 1, smaller.nodes().size());
    expect(!ring.nodes().contains("10.9.9.9:11211"), "HASH-1.5", "the original not to hold the added node", ring.nodes());
  }

  // ---- 2. Balance ----

  @Test
  @DisplayName("HASH-2.1 with 100 equal nodes and uniform keys, no node gets more than the declared multiple of the mean, and none gets nothing")
  void balanced() {
    HashRing<String> ring = ring(names(BALANCE_NODES));
    Map<String, Integer> counts = new HashMap<>();
    for (String key : keys(BALANCE_KEYS, SEED + 5)) {
      counts.merge(ring.nodeFor(key), 1, Integer::sum);
    }
    double mean = (double) BALANCE_KEYS / BALANCE_NODES;
    int max = Collections.max(counts.values());
    expectEqual("HASH-2.1", "all " + BALANCE_NODES + " nodes to receive keys", BALANCE_NODES, counts.size());
    expect(max <= peakToMeanBound() * mean, "HASH-2.1",
        "the busiest node to get at most " + peakToMeanBound() + " x the mean " + mean,
        max + " keys (" + String.format("%.3f", max / mean) + " x the mean)");
  }

  // ---- 3. Monotonicity and moved keys ----

  @Test
  @DisplayName("HASH-3.1 adding a node moves keys only to the added node")
  void addMovesOnlyToNewNode() {
    requireFeature(HashRingFeature.MONOTONE);
    List<String> nodes = names(SMALL + 3);
    HashRing<String> ring = ring(nodes.subList(0, SMALL));
    List<String> keys = keys(MOVE_KEYS, SEED + 6);
    for (String added : nodes.subList(SMALL, SMALL + 3)) {
      HashRing<String> grown = ring.with(added);
      expectOnlyNecessaryMoves("HASH-3.1", ring, grown, added, null, keys);
      ring = grown;
    }
  }

  @Test
  @DisplayName("HASH-3.2 removing the last node added moves only that node's keys")
  void removeLastMovesOnlyItsKeys() {
    requireFeature(HashRingFeature.MONOTONE);
    List<String> nodes = names(SMALL);
    HashRing<String> ring = ring(nodes);
    String last = nodes.get(nodes.size() - 1);
    expectOnlyNecessaryMoves("HASH-3.2", ring, ring.without(last), null, last, keys(MOVE_KEYS, SEED + 7));
  }

  @Test
  @DisplayName("HASH-3.3 removing any node (first, middle) moves only that node's keys")
  void removeAnyMovesOnlyItsKeys() {
    requireFeature(HashRingFeature.MONOTONE);
    requireFeature(HashRingFeature.ARBITRARY_REMOVAL);
    List<String> nodes = names(SMALL);
    HashRing<String> ring = ring(nodes);
    List<String> keys = keys(MOVE_KEYS, SEED + 8);
    for (String removed : List.of(nodes.get(0), nodes.get(SMALL / 2))) {
      expectOnlyNecessaryMoves("HASH-3.3", ring, ring.without(removed), null, removed, keys);
    }
  }

  @Test
  @DisplayName("HASH-3.4 adding or removing one node of ten moves at most the declared factor of the ideal share of keys")
  void movedFractionBounded() {
    List<String> nodes = names(SMALL + 1);
    HashRing<String> ring = ring(nodes.subList(0, SMALL));
    List<String> keys = keys(MOVE_KEYS, SEED + 9);
    double factor = movedFractionFactor();
    double added = movedFraction(ring, ring.with(nodes.get(SMALL)), keys);
    expect(added <= factor / (SMALL + 1), "HASH-3.4", "at most " + factor + " x 1/" + (SMALL + 1) + " of keys to move when a node is added",
        String.format("%.4f moved", added));
    List<String> removable = new ArrayList<>(List.of(nodes.get(SMALL - 1)));
    if (declares(HashRingFeature.ARBITRARY_REMOVAL)) {
      removable.add(nodes.get(0));
      removable.add(nodes.get(SMALL / 2));
    }
    for (String node : removable) {
      double removed = movedFraction(ring, ring.without(node), keys);
      expect(removed <= factor / SMALL, "HASH-3.4", "at most " + factor + " x 1/" + SMALL + " of keys to move when " + node + " is removed",
          String.format("%.4f moved", removed));
    }
  }

  // ---- 4. Failover ----

  @Test
  @DisplayName("HASH-4.1 removing a key's node sends the key to its second node in preference order")
  void failoverFollowsPreference() {
    requireFeature(HashRingFeature.REPLICA_FAILOVER);
    requireFeature(HashRingFeature.ARBITRARY_REMOVAL);
    List<String> nodes = names(SMALL);
    HashRing<String> ring = ring(nodes);
    List<String> keys = keys(10_000, SEED + 10);
    for (String node : nodes) {
      HashRing<String> without = ring.without(node);
      for (String key : keys) {
        if (ring.nodeFor(key).equals(node)) {
          String second = ring.nodesFor(key, 2).get(1);
          expectEqual("HASH-4.1", "key " + key + " to fail over from " + node + " to its second node " + second, second, without.nodeFor(key));
        }
      }
      for (long hash : EXTREME_HASHES) {
        if (ring.nodeFor(hash).equals(node)) {
          String second = ring.nodesFor(hash, 2).get(1);
          expectEqual("HASH-4.1", "hash " + hash + " to fail over from " + node + " to its second node " + second, second, without.nodeFor(hash));
        }
      }
    }
  }

  // ---- 5. Preference lists ----

  @Test
  @DisplayName("HASH-5.1 nodesFor gives count distinct nodes of the ring, the first being nodeFor")
  void preferenceListsDistinct() {
    HashRing<String> ring = ring(names(SMALL));
    Set<String> held = new HashSet<>(ring.nodes());
    List<Long> hashes = new ArrayList<>();
    for (String key : keys(1_000, SEED + 11)) {
      hashes.add(ring.keyHash(key.getBytes(StandardCharsets.UTF_8)));
    }
    for (long hash : EXTREME_HASHES) {
      hashes.add(hash);
    }
    for (long hash : hashes) {
      for (int count = 1; count <= SMALL; count++) {
        List<String> list = ring.nodesFor(hash, count);
        expectEqual("HASH-5.1", count + " nodes for hash " + hash, count, list.size());
        expectEqual("HASH-5.1", "distinct nodes for hash " + hash + " " + list, count, new HashSet<>(list).size());
        expect(held.containsAll(list), "HASH-5.1", "only nodes of the ring for hash " + hash, list);
        expectEqual("HASH-5.1", "the first of nodesFor(" + hash + ", " + count + ") to be nodeFor", ring.nodeFor(hash), list.get(0));
      }
    }
  }

  @Test
  @DisplayName("HASH-5.2 nodesFor(key, c) is a prefix of nodesFor(key, c + 1)")
  void preferenceListsArePrefixes() {
    HashRing<String> ring = ring(names(SMALL));
    for (String key : keys(1_000, SEED + 12)) {
      List<String> all = ring.nodesFor(key, SMALL);
      for (int count = 1; count < SMALL; count++) {
        List<String> list = ring.nodesFor(key, count);
        expectEqual("HASH-5.2", "nodesFor(" + key + ", " + count + ") to be the first " + count + " of " + all, all.subList(0, count), list);
      }
    }
  }

  // ---- 6. Weights ----

  @Test
  @DisplayName("HASH-6.1 nodes of each weight get a share of keys proportional to their weight, within the declared tolerance")
  void weightsRespected() {
    requireFeature(HashRingFeature.WEIGHTS);
    List<String> nodes = names(20);
    Map<String, Integer> weights = new LinkedHashMap<>();
    long totalWeight = 0;
    for (int i = 0; i < nodes.size(); i++) {
      weights.put(nodes.get(i), i % 4 + 1);
      totalWeight += i % 4 + 1;
    }
    HashRing<String> ring = ring(RingSpec.weighted(weights));
    int keyCount = 200_000;
    long[] perWeight = new long[5];
    for (String key : keys(keyCount, SEED + 13)) {
      perWeight[weights.get(ring.nodeFor(key))]++;
    }
    double tolerance = weightTolerance();
    for (int w = 1; w <= 4; w++) {
      double expected = 5.0 * w / totalWeight;
      double seen = (double) perWeight[w] / keyCount;
      double ratio = seen / expected;
      expect(ratio <= tolerance && ratio >= 1 / tolerance, "HASH-6.1",
          String.format("the nodes of weight %d to get %.4f of the keys, within x%.2f", w, expected, tolerance),
          String.format("%.4f (x%.3f)", seen, ratio));
    }
  }

  @Test
  @DisplayName("HASH-6.2 nodes() and weight(node) report exactly the nodes and weights the ring was given")
  void reportsNodesAndWeights() {
    List<String> nodes = names(SMALL);
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      weights.put(nodes.get(i), declares(HashRingFeature.WEIGHTS) ? i % 3 + 1 : 1);
    }
    HashRing<String> ring = ring(RingSpec.weighted(weights));
    expectEqual("HASH-6.2", "the nodes " + nodes, new HashSet<>(nodes), new HashSet<>(ring.nodes()));
    for (String node : nodes) {
      expectEqual("HASH-6.2", "weight " + weights.get(node) + " for " + node, weights.get(node), ring.weight(node));
    }
    int addedWeight = declares(HashRingFeature.WEIGHTS) ? 5 : 1;
    HashRing<String> grown = ring.with("10.9.9.9:11211", addedWeight);
    expectEqual("HASH-6.2", "weight " + addedWeight + " for a node added by with", addedWeight, grown.weight("10.9.9.9:11211"));
    expectEqual("HASH-6.2", "the old weights kept by with", weights.get(nodes.get(1)), grown.weight(nodes.get(1)));
  }

  // ---- 7. Ketama ----

  @Test
  @DisplayName("HASH-7.1 keys route as libketama-based memcached clients route them (spymemcached's compatibility vectors)")
  void ketamaCompatible() {
    requireFeature(HashRingFeature.KETAMA);
    // spymemcached KetamaNodeLocatorTest: servers 127.0.0.1:10000.. and each key's server.
    HashRing<String> five = ring(List.of("127.0.0.1:10000", "127.0.0.1:10001", "127.0.0.1:10002", "127.0.0.1:10003", "127.0.0.1:10004"));
    String[][] fiveVectors = {
      {"36", "127.0.0.1:10002"}, {"10037", "127.0.0.1:10003"}, {"22051", "127.0.0.1:10001"}, {"49044", "127.0.0.1:10004"},
      {"dustin", "127.0.0.1:10000"}, {"noelani", "127.0.0.1:10002"}, {"some other key", "127.0.0.1:10004"}
    };
    for (String[] vector : fiveVectors) {
      expectEqual("HASH-7.1", "key \"" + vector[0] + "\" on " + vector[1] + " of 5 servers", vector[1], five.nodeFor(vector[0]));
    }
    HashRing<String> four = ring(List.of("127.0.0.1:10000", "127.0.0.1:10001", "127.0.0.1:10002", "127.0.0.1:10003"));
    String[][] fourVectors = {{"dustin", "127.0.0.1:10000"}, {"noelani", "127.0.0.1:10002"}, {"some other key", "127.0.0.1:10000"}};
    for (String[] vector : fourVectors) {
      expectEqual("HASH-7.1", "key \"" + vector[0] + "\" on " + vector[1] + " of 4 servers", vector[1], four.nodeFor(vector[0]));
    }
  }

  @Test
  @DisplayName("HASH-7.2 every hash goes where libketama's continuum, rebuilt by the kit from MD5, puts it: at every point, beside it and between points, for 7, 13 and 61 nodes, nodes sharing points, and libketama's weights")
  void ketamaContinuum() {
    requireFeature(HashRingFeature.KETAMA);
    HashRing<String> sample = ring(names(3));
    for (byte[] key : knownAnswerKeys()) {
      expectEqual("HASH-7.2", "keyHash of " + java.util.Arrays.toString(key) + " to be libketama's hash (first little-endian word of the MD5)",
          ReferenceHashes.ketamaHash(key), sample.keyHash(key));
    }
    List<RingSpec> specs = new ArrayList<>();
    specs.add(RingSpec.of(names(7)));
    specs.add(RingSpec.of(names(13)));
    // 61 equal nodes: libketama's float formula would give each 39 digests; libmemcached and spymemcached give 40
    specs.add(RingSpec.of(names(61)));
    // Five pairs of nodes that share a point (found by a search over the MD5 points of names(3000)):
    // 10.0.2.161 (digest 8, word 1) and 10.0.2.53 (38, 3) share 3152960057; 10.0.1.124 (1, 3) and 10.0.3.95 (17, 3)
    // share 1741064620; 10.0.0.225 (20, 0) and 10.0.3.105 (32, 0) share 1622187688; 10.0.3.170 (15, 2) and
    // 10.0.4.142 (0, 2) share 52668126; 10.0.2.180 (15, 3) and 10.0.4.213 (37, 2) share 816333674 (all :11211).
    // In each pair the node added last is the name that sorts later.
    List<String> sharing = new ArrayList<>();
    for (String host : List.of("10.0.2.161", "10.0.2.53", "10.0.1.124", "10.0.3.95", "10.0.0.225", "10.0.3.105",
        "10.0.3.170", "10.0.4.142", "10.0.2.180", "10.0.4.213")) {
      sharing.add(host + ":11211");
    }
    sharing.addAll(names(3));
    specs.add(RingSpec.of(sharing));
    if (declares(HashRingFeature.WEIGHTS)) {
      specs.add(weightedSpec());
    }
    RingReference ketama = RingReference.ketama();
    for (RingSpec spec : specs) {
      expectPlacement("HASH-7.2", "libketama's continuum", ring(spec), ketama.place(spec), declares(HashRingFeature.REPLICA_FAILOVER));
    }
  }

  // ---- 8. Bad input ----

  @Test
  @DisplayName("HASH-8.1 lookups in an empty ring throw IllegalStateException")
  void emptyRingRejectsLookups() {
    HashRing<String> empty = ring(List.of());
    expectThrows("HASH-8.1", IllegalStateException.class, "nodeFor(42) on an empty ring", () -> empty.nodeFor(42L));
    expectThrows("HASH-8.1", IllegalStateException.class, "nodeFor(\"k\") on an empty ring", () -> empty.nodeFor("k"));
    expectThrows("HASH-8.1", IllegalStateException.class, "nodesFor(\"k\", 1) on an empty ring", () -> empty.nodesFor("k", 1));
    HashRing<String> emptied = ring(names(1)).without(names(1).get(0));
    expectThrows("HASH-8.1", IllegalStateException.class, "nodeFor(\"k\") on a ring whose last node was removed", () -> emptied.nodeFor("k"));
  }

  @Test
  @DisplayName("HASH-8.2 adding a node the ring already holds throws IllegalArgumentException")
  void duplicateRejected() {
    List<String> nodes = names(3);
    HashRing<String> ring = ring(nodes);
    expectThrows("HASH-8.2", IllegalArgumentException.class, "with(" + nodes.get(1) + ") when it is held", () -> ring.with(nodes.get(1)));
    expectThrows("HASH-8.2", IllegalArgumentException.class, "with(" + nodes.get(1) + ") built as a new String", () -> ring.with(new String(nodes.get(1))));
  }

  @Test
  @DisplayName("HASH-8.3 a weight of zero or less throws IllegalArgumentException")
  void nonPositiveWeightRejected() {
    HashRing<String> ring = ring(names(3));
    expectThrows("HASH-8.3", IllegalArgumentException.class, "with(node, 0)", () -> ring.with("10.9.9.9:11211", 0));
    expectThrows("HASH-8.3", IllegalArgumentException.class, "with(node, -1)", () -> ring.with("10.9.9.9:11211", -1));
  }

  @Test
  @DisplayName("HASH-8.4 nodesFor with a count below 1 or above the number of nodes throws IllegalArgumentException")
  void badCountRejected() {
    HashRing<String> ring = ring(names(3));
    for (int count : new int[] {0, -1, 4, Integer.MAX_VALUE}) {
      expectThrows("HASH-8.4", IllegalArgumentException.class, "nodesFor(\"k\", " + count + ") on 3 nodes", () -> ring.nodesFor("k", count));
    }
  }

  @Test
  @DisplayName("HASH-8.5 null keys and nodes throw NullPointerException; removing an unknown node throws IllegalArgumentException")
  void nullsAndUnknownsRejected() {
    HashRing<String> ring = ring(names(3));
    expectThrows("HASH-8.5", NullPointerException.class, "nodeFor((CharSequence) null)", () -> ring.nodeFor((CharSequence) null));
    expectThrows("HASH-8.5", NullPointerException.class, "nodeFor((byte[]) null)", () -> ring.nodeFor((byte[]) null));
    expectThrows("HASH-8.5", NullPointerException.class, "nodesFor((CharSequence) null, 1)", () -> ring.nodesFor((CharSequence) null, 1));
    expectThrows("HASH-8.5", NullPointerException.class, "with(null)", () -> ring.with(null));
    expectThrows("HASH-8.5", IllegalArgumentException.class, "without(a node it does not hold)", () -> ring.without("10.9.9.9:11211"));
  }

  // ---- 9. Concurrency ----

  @Test
  @DisplayName("HASH-9.1 lookups from several threads at once give the answers one thread gets")
  void concurrentLookupsAgree() throws Exception {
    HashRing<String> ring = ring(names(SMALL));
    List<String> keys = keys(20_000, SEED + 14);
    Map<String, List<String>> expected = new HashMap<>();
    for (String key : keys) {
      expected.put(key, ring.nodesFor(key, 3));
    }
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t * 977;
        results.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 3; round++) {
            for (int i = 0; i < keys.size(); i++) {
              String key = keys.get((i + offset) % keys.size());
              String node = ring.nodeFor(key);
              List<String> list = ring.nodesFor(key, 3);
              if (!node.equals(expected.get(key).get(0)) || !list.equals(expected.get(key))) {
                return "key " + key + ": nodeFor " + node + ", nodesFor " + list + " instead of " + expected.get(key);
              }
            }
          }
          return null;
        }));
      }
      for (Future<String> result : results) {
        Outcome<String> outcome = awaitCompletion(result, "HASH-9.1", "4 threads to finish their lookups");
        expect(!outcome.failed(), "HASH-9.1", "lookups to complete", outcome);
        expect(outcome.value() == null, "HASH-9.1", "the single-threaded answer on every thread", outcome.value());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- 10. Known answers ----

  @Test
  @DisplayName("HASH-10.1 keyHash of a byte key is the first 64 bits of MurmurHash3_x64_128 with seed 0, for keys of every length from 0 to 48 bytes, and a character key goes where that hash of its UTF-8 bytes goes")
  void murmur3Keys() {
    requireFeature(HashRingFeature.MURMUR3_KEYS);
    HashRing<String> ring = ring(names(SMALL));
    for (byte[] key : knownAnswerKeys()) {
      expectEqual("HASH-10.1", "keyHash of the " + key.length + " bytes " + java.util.Arrays.toString(key) + " to be MurmurHash3_x64_128's h1",
          ReferenceHashes.murmur3(key), ring.keyHash(key));
    }
    List<String> keys = new ArrayList<>(keys(200, SEED + 17));
    keys.addAll(List.of("", "ключ", "鍵", "😀 surrogate pair", "é", "a key of exactly 32 characters!!"));
    for (String key : keys) {
      long hash = ReferenceHashes.murmur3(key);
      expectEqual("HASH-10.1", "nodeFor(\"" + key + "\") to be nodeFor(its MurmurHash3 " + hash + ")", ring.nodeFor(hash), ring.nodeFor(key));
    }
  }

  @Test
  @DisplayName("HASH-10.2 nodeFor and nodesFor agree with the reference placement the ring declares, for 1, 2, 3, 7, 13 and 100 nodes (and weights 1 to 4), at random hashes, extreme hashes, every point and its neighbours, every table slot")
  void referencePlacement() {
    requireFeature(HashRingFeature.REFERENCE_PLACEMENT);
    RingReference reference = reference();
    if (reference == null) {
      throw violation("HASH-10.2", "reference() to return the placement the ring declares (REFERENCE_PLACEMENT)", "null");
    }
    List<RingSpec> specs = new ArrayList<>();
    for (int n : new int[] {1, 2, 3, 7, 13, BALANCE_NODES}) {
      specs.add(RingSpec.of(names(n)));
    }
    if (declares(HashRingFeature.WEIGHTS)) {
      specs.add(weightedSpec());
    }
    for (RingSpec spec : specs) {
      expectPlacement("HASH-10.2", "the declared reference", ring(spec), reference.place(spec), true);
    }
  }

  /** Byte keys of every length from 0 to 48 (each tail length, one to three 16-byte blocks), bytes above 0x7F included. */
  private static List<byte[]> knownAnswerKeys() {
    List<byte[]> keys = new ArrayList<>();
    for (int length = 0; length <= 48; length++) {
      byte[] key = new byte[length];
      for (int i = 0; i < length; i++) {
        key[i] = (byte) (length * 31 + i * 0x9D);
      }
      keys.add(key);
    }
    return keys;
  }

  /** 20 nodes of weights 1, 2, 3, 4, 1, 2, ... */
  private static RingSpec weightedSpec() {
    Map<String, Integer> weights = new LinkedHashMap<>();
    List<String> nodes = names(20);
    for (int i = 0; i < nodes.size(); i++) {
      weights.put(nodes.get(i), i % 4 + 1);
    }
    return RingSpec.weighted(weights);
  }

  /**
   * Requires {@code ring} to answer as {@code placement} at 2,000 random hashes, the extreme hashes
   * and the placement's probes: nodeFor everywhere, and with {@code lists} nodesFor for 3 nodes
   * (all nodes for the first 100 random hashes).
   */
  private void expectPlacement(String rule, String what, HashRing<String> ring, RingReference.Placement placement, boolean lists) {
    int n = placement.names.size();
    SplittableRandom random = new SplittableRandom(SEED + 18 + n);
    List<Long> hashes = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      hashes.add(random.nextLong());
    }
    for (long hash : EXTREME_HASHES) {
      hashes.add(hash);
    }
    int shortList = Math.min(3, n);
    for (int i = 0; i < hashes.size(); i++) {
      long hash = hashes.get(i);
      expectPlaced(rule, what, ring, placement, hash, lists ? shortList : 0);
      if (lists && i < 100) {
        expectPlaced(rule, what, ring, placement, hash, n);
      }
    }
    int listsAtProbes = lists && placement.listsAtProbes() ? shortList : 0;
    for (long probe : placement.probes()) {
      expectPlaced(rule, what + " (a hash at or beside a point, or a table slot)", ring, placement, probe, listsAtProbes);
    }
  }

  /** Requires nodeFor(hash) and, unless {@code count} is 0, nodesFor(hash, count) as placed; the message is built only on a failure. */
  private void expectPlaced(String rule, String what, HashRing<String> ring, RingReference.Placement placement, long hash, int count) {
    String expected = placement.nodeFor(hash);
    String seen = ring.nodeFor(hash);
    if (!expected.equals(seen)) {
      throw violation(rule, "hash " + hash + " on " + placement.names.size() + " nodes placed as by " + what + " (" + expected + ")", seen);
    }
    if (count > 0) {
      List<String> expectedList = placement.nodesFor(hash, count);
      List<String> seenList = ring.nodesFor(hash, count);
      if (!expectedList.equals(seenList)) {
        throw violation(rule, "nodesFor(" + hash + ", " + count + ") on " + placement.names.size() + " nodes as by " + what
            + " (" + expectedList + ")", seenList);
      }
    }
  }

  // ---- Weighted removal and handed-out collections (issue 14) ----

  @Test
  @DisplayName("HASH-3.5 a node of weight 3 leaves whole: after without(node), added last or built in, no key, extreme hash or preference list reaches it, only its keys moved, and with-then-without restores every key")
  void weightedNodeLeavesWhole() {
    requireFeature(HashRingFeature.WEIGHTS);
    Map<String, Integer> weights = new LinkedHashMap<>();
    List<String> nodes = names(SMALL + 1);
    for (int i = 0; i < SMALL; i++) {
      weights.put(nodes.get(i), 1 + i % 3);
    }
    HashRing<String> ring = ring(RingSpec.weighted(weights));
    List<String> keys = keys(MOVE_KEYS, SEED + 15);
    RingChecks checks = new RingChecks(this::expect, EXTREME_HASHES);
    String heavy = nodes.get(SMALL);
    HashRing<String> grown = ring.with(heavy, 3);
    expectEqual("HASH-3.5", "weight of the node added with weight 3", 3, grown.weight(heavy));
    HashRing<String> shrunk = grown.without(heavy);
    checks.removedWhole("HASH-3.5", grown, shrunk, heavy, keys, declares(HashRingFeature.MONOTONE));
    expectSameMapping("HASH-3.5", "with(" + heavy + ", 3) then without(" + heavy + ") against the ring before", ring, shrunk, keys);
    if (declares(HashRingFeature.ARBITRARY_REMOVAL) && declares(HashRingFeature.MONOTONE)) {
      String builtIn = nodes.get(2); // weight 3
      checks.removedWhole("HASH-3.5", ring, ring.without(builtIn), builtIn, keys, true);
    }
  }

  @Test
  @DisplayName("HASH-5.3 the collections a ring hands out (nodes(), nodesFor lists) cannot change it: add, remove, clear, removeIf, set either throw UnsupportedOperationException or leave every answer of the ring as it was")
  void handedOutCollectionsDetached() {
    HashRing<String> ring = ring(names(SMALL));
    new RingChecks(this::expect, EXTREME_HASHES).handedOutCollectionsDetached("HASH-5.3", ring, keys(200, SEED + 16));
  }
}
