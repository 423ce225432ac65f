package dev.trestle.core.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Implementation-specific behaviour; the contract itself is checked by HashRingTck in tck. */
class HashRingTest {

  @Test
  void jumpHashMatchesPublishedVectors() {
    // Vectors published with the Rust and Python ports of Lamping and Veach's reference code.
    assertEquals(0, JumpRing.bucket(0, 60));
    assertEquals(55, JumpRing.bucket(1, 60));
    assertEquals(46, JumpRing.bucket(2, 60));
    assertEquals(520, JumpRing.bucket(256, 1024));
    for (int buckets = 1; buckets < 200; buckets++) {
      int b = JumpRing.bucket(42, buckets);
      assertTrue(b >= 0 && b < buckets);
      int next = JumpRing.bucket(42, buckets + 1);
      assertTrue(next == b || next == buckets, "jump hash moves a key only to the new bucket");
    }
  }

  @Test
  void aKetamaNodeWhoseShareRoundsToNoDigestStillGetsPointsAndKeys() {
    // libketama's floorf(1 / 1001 * 40 * 2) = 0 digests for "light": it would own no point
    HashRing<String> ring = HashRing.<String>builder(HashAlgorithm.KETAMA).node("light", 1).node("heavy", 1000).build();
    assertEquals(2, ring.nodesFor("k", 2).size());
    assertTrue(ring.nodesFor("k", 2).containsAll(List.of("heavy", "light")));
    boolean lightOwnsSome = false;
    for (int i = 0; i < 10_000 && !lightOwnsSome; i++) {
      lightOwnsSome = ring.nodeFor("key-" + i).equals("light");
    }
    assertTrue(lightOwnsSome, "the light node owns some keys");
  }

  private static HashRing<String> ketama(int servers) {
    HashRingBuilder<String> builder = HashRing.builder(HashAlgorithm.KETAMA);
    for (int i = 0; i < servers; i++) {
      builder.node("127.0.0.1:" + (10000 + i));
    }
    return builder.build();
  }

  @Test
  void ketamaRoutesAsSpymemcachedAndLibketama() {
    // spymemcached's KetamaNodeLocatorTest (testLibKetamaCompat, testClusterResizing): servers
    // 127.0.0.1:10000.. and the index of the server each key must reach.
    HashRing<String> five = ketama(5);
    assertEquals("127.0.0.1:10002", five.nodeFor("36"));
    assertEquals("127.0.0.1:10003", five.nodeFor("10037"));
    assertEquals("127.0.0.1:10001", five.nodeFor("22051"));
    assertEquals("127.0.0.1:10004", five.nodeFor("49044"));
    assertEquals("127.0.0.1:10000", five.nodeFor("dustin"));
    assertEquals("127.0.0.1:10002", five.nodeFor("noelani"));
    assertEquals("127.0.0.1:10004", five.nodeFor("some other key"));
    HashRing<String> four = ketama(4);
    assertEquals("127.0.0.1:10000", four.nodeFor("dustin"));
    assertEquals("127.0.0.1:10002", four.nodeFor("noelani"));
    assertEquals("127.0.0.1:10000", four.nodeFor("some other key"));
  }

  @Test
  void ketamaPlacesFourPointsPerDigestAndHashesKeysWithMd5() {
    KetamaRing<String> ring = (KetamaRing<String>) ketama(3);
    double sum = 0;
    for (double share : ring.arcShares()) {
      sum += share;
    }
    assertEquals(1.0, sum, 1e-9);
    // MD5("") = d41d8cd98f00b204e9800998ecf8427e: first little-endian word 0xd98c1dd4
    assertEquals(0xd98c1dd4L, ring.keyHash(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> HashRing.builder(HashAlgorithm.KETAMA).virtualNodes(10).node("a").build());
  }

  /** The reference: the first point at or after the hash (ties: lowest owner), by linear scan. */
  private static int naiveFirst(long[] sortedPoints, long hash) {
    for (int i = 0; i < sortedPoints.length; i++) {
      if (sortedPoints[i] >= hash) {
        return i;
      }
    }
    return 0;
  }

  @Test
  void continuumSortsPairsAndFindsTheFirstPointAtOrAfterAHash() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int size : new int[] {1, 2, 3, 5, 17, 100, 1000, 5000}) {
      for (double circle : new double[] {0x1p64, 0x1p32}) {
        long[] points = new long[size];
        int[] owners = new int[size];
        for (int i = 0; i < size; i++) {
          long point = circle == 0x1p64 ? random.nextLong() : random.nextLong() & 0xFFFF_FFFFL;
          points[i] = i % 7 == 3 && i > 0 ? points[i - 1] : point; // some duplicates
          owners[i] = random.nextInt(50);
        }
        long[] expected = points.clone();
        java.util.Arrays.sort(expected);
        Continuum continuum = Continuum.sorted(points, owners, circle);
        assertTrue(java.util.Arrays.equals(expected, continuum.points), "points sorted for size " + size);
        for (int i = 1; i < size; i++) {
          assertTrue(continuum.points[i - 1] < continuum.points[i] || continuum.owners[i - 1] <= continuum.owners[i], "ties by owner");
        }
        long[] probes = new long[2000 + size];
        for (int i = 0; i < 2000; i++) {
          probes[i] = circle == 0x1p64 ? random.nextLong() : random.nextLong() & 0xFFFF_FFFFL;
        }
        for (int i = 0; i < size; i++) {
          probes[2000 + i] = continuum.points[i];
        }
        for (long probe : probes) {
          assertEquals(naiveFirst(continuum.points, probe), continuum.firstPoint(probe), "size " + size + ", hash " + probe);
        }
        long top = circle == 0x1p64 ? Long.MAX_VALUE : 0xFFFF_FFFFL;
        long bottom = circle == 0x1p64 ? Long.MIN_VALUE : 0;
        assertEquals(naiveFirst(continuum.points, top), continuum.firstPoint(top));
        assertEquals(naiveFirst(continuum.points, bottom), continuum.firstPoint(bottom));
      }
    }
  }

  @Test
  void virtualNodeArcsCoverTheWholeCircle() {
    HashRingBuilder<String> builder = HashRing.builder(HashAlgorithm.VIRTUAL_NODES);
    for (int i = 0; i < 10; i++) {
      builder.node("n" + i);
    }
    VirtualNodeRing<String> ring = (VirtualNodeRing<String>) builder.build();
    double sum = 0;
    for (double share : ring.arcShares()) {
      sum += share;
    }
    assertEquals(1.0, sum, 1e-9);
  }

  @Test
  void maglevKeepsItsTableSizeThroughTopologyChanges() {
    HashRingBuilder<String> builder = HashRing.builder(HashAlgorithm.MAGLEV);
    for (int i = 0; i < 1000; i++) {
      builder.node("n" + i);
    }
    MaglevRing<String> ring = (MaglevRing<String>) builder.build();
    assertEquals(HashRingBuilder.DEFAULT_MAGLEV_TABLE, ring.tableSize());
    assertTrue(Primes.isPrime(ring.tableSize()));
    MaglevRing<String> small = (MaglevRing<String>) HashRing.<String>builder(HashAlgorithm.MAGLEV).maglevTableSize(10_007).node("a").build();
    assertEquals(10_007, ((MaglevRing<String>) small.with("b")).tableSize());
    assertEquals(10_007, ((MaglevRing<String>) small.with("b").without("a")).tableSize());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> HashRing.<String>builder(HashAlgorithm.MAGLEV).maglevTableSize(11).node("a", 6).node("b", 6).build())
        .getMessage().contains("at least the total weight 12"));
  }

  @Test
  void boundedLoadsCapEveryNode() {
    HashRing<String> ring = HashRing.of("a", "b", "c", "d");
    BoundedLoadBalancer<String> balancer = new BoundedLoadBalancer<>(ring, 0.25);
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      counts.merge(balancer.assign("one hot key"), 1, Integer::sum);
    }
    for (int load : counts.values()) {
      assertTrue(load <= Math.ceil(1.25 * 1000 / 4) + 1, counts.toString());
    }
    assertEquals(1000, balancer.totalLoad());
    String node = ring.nodeFor("one hot key");
    long before = balancer.load(node);
    balancer.release(node);
    assertEquals(before - 1, balancer.load(node));
  }

  @Test
  void boundedLoadsHoldUnderConcurrentAssignment() throws Exception {
    HashRing<String> ring = HashRing.of("a", "b", "c", "d", "e", "f", "g", "h");
    BoundedLoadBalancer<String> balancer = new BoundedLoadBalancer<>(ring, 0.1);
    int threads = 4;
    int perThread = 25_000;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            // one very hot key and some others
            balancer.assign(i % 3 == 0 ? "k" + (i * 31 + seed) : "the hot key");
          }
        }));
      }
      for (java.util.concurrent.Future<?> future : done) {
        future.get(30, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    long total = threads * (long) perThread;
    assertEquals(total, balancer.totalLoad());
    long sum = 0;
    long bound = (long) Math.ceil(1.1 * (total + 1) / 8);
    for (String node : ring.nodes()) {
      sum += balancer.load(node);
      assertTrue(balancer.load(node) <= bound, node + " carries " + balancer.load(node) + " > bound " + bound);
    }
    assertEquals(total, sum);
  }

  @Test
  void badInputIsRejectedNamingTheProblem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> HashRing.of("a", "a")).getMessage().contains("duplicate node"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> HashRing.builder(HashAlgorithm.RENDEZVOUS).node("a", 0)).getMessage().startsWith("weight must be positive"));
    assertThrows(IllegalArgumentException.class, () -> HashRing.builder(HashAlgorithm.JUMP).node("a", 2));
    assertThrows(IllegalStateException.class, () -> HashRing.<String>builder(HashAlgorithm.MAGLEV).build().nodeFor(1L));
    assertThrows(IllegalArgumentException.class, () -> HashRing.of("a", "b").nodesFor("k", 3));
    assertThrows(IllegalArgumentException.class, () -> HashRing.of("a").without("zz"));
    assertThrows(IllegalArgumentException.class, () -> HashRing.builder(HashAlgorithm.MAGLEV).maglevTableSize(100));
    assertThrows(IllegalArgumentException.class, () -> new BoundedLoadBalancer<>(HashRing.of("a"), 0));
    HashRing<String> jump = HashRing.<String>builder(HashAlgorithm.JUMP).node("a").node("b").build();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> jump.without("a")).getMessage().contains("last node"));
    assertEquals(List.of("a"), List.copyOf(jump.without("b").nodes()));
  }
}
