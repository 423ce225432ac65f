package dev.trestle.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentMap;
import org.junit.jupiter.api.Test;

/** The adaptive policy's parts: the growing sketch, the shadow LRU, the order, and the compute family on the cache. */
class AdaptivePolicyTest {

  @Test
  void theSketchStartsSmallAndGrowsWithTheEntriesHeldUpToItsCap() {
    FrequencySketch sketch = new FrequencySketch(Long.MAX_VALUE, 42);
    assertEquals(FrequencySketch.MIN_WORDS, sketch.words());
    assertEquals(10L * FrequencySketch.MIN_WORDS, sketch.sampleSize());
    sketch.ensureCapacity(1_000);
    assertEquals(1_024, sketch.words());
    assertEquals(10_240, sketch.sampleSize());
    sketch.ensureCapacity(10); // never shrinks
    assertEquals(1_024, sketch.words());
    FrequencySketch small = new FrequencySketch(100, 42);
    small.ensureCapacity(100);
    assertEquals(128, small.words());
    assertEquals(1_000, small.sampleSize(), "the sample follows the maximum once the table is larger");
  }

  @Test
  void theSketchCountsUpToFifteenAndHalvesAfterItsSample() {
    FrequencySketch sketch = new FrequencySketch(10, 7);
    for (int i = 0; i < 20; i++) {
      sketch.increment("hot");
    }
    assertEquals(15, sketch.frequency("hot"));
    assertEquals(0, sketch.frequency("never"));
    boolean halved = false;
    for (int i = 0; i < 200 && !halved; i++) {
      halved = sketch.increment("key" + i);
    }
    assertTrue(halved, "halves within 10 x maximum increments");
    assertTrue(sketch.frequency("hot") <= 8, "aged: " + sketch.frequency("hot"));
  }

  @Test
  void theShadowLruIsAnExactLruWhenSmall() {
    ShadowLru shadow = new ShadowLru(2, 1);
    int a = shadow.sampled("a");
    int b = shadow.sampled("b");
    int c = shadow.sampled("c");
    assertTrue(a != 0 && b != 0 && c != 0, "a small shadow samples every key");
    assertFalse(shadow.access(a));
    assertFalse(shadow.access(b));
    assertTrue(shadow.access(a));
    assertFalse(shadow.access(c)); // evicts b, the least recent
    assertTrue(shadow.access(a));
    assertFalse(shadow.access(b));
  }

  @Test
  void aLargeShadowSamplesAboutItsShareOfTheKeys() {
    ShadowLru shadow = new ShadowLru(1 << 20, 3);
    int sampled = 0;
    for (int i = 0; i < 1 << 20; i++) {
      if (shadow.sampled(i) != 0) {
        sampled++;
      }
    }
    assertTrue(sampled > 700 && sampled < 1_400, "about 1024 of 2^20 keys, was " + sampled);
  }

  private static Cache<Integer, Integer> adaptive(long maximum) {
    return CacheBuilder.<Integer, Integer>newBuilder().maximumSize(maximum).build();
  }

  @Test
  void theDefaultPolicyIsAdaptiveAndHoldsItsBound() {
    Cache<Integer, Integer> cache = adaptive(100);
    assertEquals("ADAPTIVE", cache.policy().name());
    for (int i = 0; i < 10_000; i++) {
      cache.put(i % 700, i);
      cache.getIfPresent(i % 37);
    }
    cache.cleanUp();
    assertEquals(100, cache.policy().weightedSize());
    assertEquals(100, cache.estimatedSize());
  }

  @Test
  void aCacheBoundedAtLongMaxValueWorksAndAllocatesLittle() {
    Cache<Integer, Integer> cache = adaptive(Long.MAX_VALUE);
    for (int i = 0; i < 5_000; i++) {
      cache.put(i, i);
      cache.getIfPresent(i / 2);
    }
    cache.cleanUp();
    assertEquals(5_000, cache.estimatedSize());
    assertEquals(Long.MAX_VALUE, cache.policy().maximum());
  }

  @Test
  void frequentKeysSurviveAStreamOfOneHitWonders() {
    Cache<Integer, Integer> cache = adaptive(100);
    for (int round = 0; round < 20; round++) {
      for (int hot = 0; hot < 50; hot++) {
        if (cache.getIfPresent(hot) == null) {
          cache.put(hot, hot);
        }
      }
    }
    for (int cold = 1_000; cold < 6_000; cold++) {
      cache.put(cold, cold);
    }
    cache.cleanUp();
    int kept = 0;
    for (int hot = 0; hot < 50; hot++) {
      if (cache.asMap().containsKey(hot)) {
        kept++;
      }
    }
    assertTrue(kept >= 45, "hot keys kept: " + kept);
  }

  @Test
  void readsBelowHalfFullAreCountedInTheNodeNotRecorded() {
    BoundedCache<Integer, Integer> cache = (BoundedCache<Integer, Integer>) adaptive(100);
    cache.put(1, 1);
    cache.cleanUp();
    for (int i = 0; i < 20; i++) {
      assertEquals(1, cache.getIfPresent(1));
    }
    assertEquals(Node.Counted.MAX_SKIPPED, cache.data.get(1).takeSkippedReads(), "counted up to the sketch's cap, no further");
    for (int key = 2; key <= 50; key++) { // half full: maintenance replays the counts and reads are recorded again
      cache.put(key, key);
    }
    cache.cleanUp();
    assertEquals(2, cache.getIfPresent(2));
    assertEquals(0, cache.data.get(2).takeSkippedReads(), "a read at half full goes to the policy, not the node");
  }

  @Test
  void readsSkippedWhileTheCacheFilledStillProtectTheirEntriesOnceItIsFull() {
    Cache<Integer, Integer> cache = adaptive(100);
    for (int hot = 0; hot < 20; hot++) { // read 5 times each while the cache is a fifth full: not recorded
      cache.put(hot, hot);
      for (int i = 0; i < 5; i++) {
        cache.getIfPresent(hot);
      }
    }
    for (int filler = 100; filler < 180; filler++) {
      cache.put(filler, filler);
    }
    cache.cleanUp();
    // One-hit wonders, enough for the sketch to halve its counts several times: only the
    // replayed reads keep the hot entries above them.
    for (int cold = 1_000; cold < 5_000; cold++) {
      cache.put(cold, cold);
      cache.cleanUp();
    }
    List<Integer> lost = new ArrayList<>();
    for (int hot = 0; hot < 20; hot++) {
      if (!cache.asMap().containsKey(hot)) {
        lost.add(hot);
      }
    }
    assertTrue(lost.isEmpty(), "entries read while the cache filled were evicted: " + lost);
  }

  @Test
  void aRecencyWorkloadIsServedAsWellAsByLru() {
    // each key is used twice, a few accesses apart, then never again: only recency helps
    Cache<Integer, Integer> adaptive = adaptive(100);
    Cache<Integer, Integer> lru = CacheBuilder.<Integer, Integer>newBuilder().maximumSize(100).policy(EvictionPolicy.LRU).build();
    long adaptiveHits = 0;
    long lruHits = 0;
    for (int i = 0; i < 200_000; i++) {
      int key = (i % 2 == 0) ? i / 2 : (i - 41) / 2;
      adaptiveHits += access(adaptive, key);
      lruHits += access(lru, key);
    }
    assertTrue(adaptiveHits >= lruHits * 0.95, "adaptive " + adaptiveHits + " vs lru " + lruHits);
  }

  private static int access(Cache<Integer, Integer> cache, int key) {
    if (cache.getIfPresent(key) != null) {
      return 1;
    }
    cache.put(key, key);
    return 0;
  }

  @Test
  void computeFamilyTellsTheListenerAndKeepsTheBound() {
    List<String> removals = new ArrayList<>();
    Cache<String, String> cache = CacheBuilder.<String, String>newBuilder().maximumSize(10)
        .removalListener((k, v, cause) -> removals.add(k + "=" + v + ":" + cause)).build();
    ConcurrentMap<String, String> map = cache.asMap();
    assertEquals("1", map.computeIfAbsent("a", k -> "1"));
    assertEquals("2", map.compute("a", (k, v) -> "2"));
    assertEquals("23", map.merge("a", "3", String::concat));
    assertNull(map.computeIfPresent("a", (k, v) -> null));
    assertNull(cache.getIfPresent("a"));
    assertEquals(List.of("a=1:REPLACED", "a=2:REPLACED", "a=23:EXPLICIT"), removals);
    for (int i = 0; i < 100; i++) {
      map.computeIfAbsent("k" + i, k -> k);
    }
    cache.cleanUp();
    assertEquals(10, cache.estimatedSize());
    assertNotNull(map.computeIfAbsent("k99", k -> "x"));
  }
}
