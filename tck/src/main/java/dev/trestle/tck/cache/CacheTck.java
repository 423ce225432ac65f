package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheStats;
import dev.trestle.cache.RemovalCause;
import dev.trestle.core.ManualTicker;
import dev.trestle.tck.ConformanceKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link Cache}: the rules {@code CACHE-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh cache built to the {@link CacheSpec} from
 * {@link #newCache}, and declare your capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyCacheConformanceTest extends CacheTck {
 *   protected <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec) {
 *     return spec.toBuilder().policy(EvictionPolicy.LRU).build();
 *   }
 *   protected Set<CacheFeature> features() { return EnumSet.allOf(CacheFeature.class); }
 * }
 * }</pre>
 *
 * <p>"Once maintenance has run" means after {@link Cache#cleanUp()} returns: the kit checks bounds,
 * eviction order, expiry and removal notices only then; the one exception is CACHE-4.4, which
 * checks that a cache given {@link CacheSpec#scheduler()} removes expired entries with no call on
 * it at all. Time-based rules advance the kit's {@link ManualTicker}, which the cache must read (and
 * which, as the scheduler, runs each task when time reaches it). Concurrency rules run bounded stress (a few
 * threads, thousands of operations, well under a second each) and check invariants that hold in
 * every interleaving.
 */
public abstract class CacheTck extends ConformanceKit<CacheFeature> {

  private static final int THREADS = 4;

  private ManualTicker ticker;
  private ExecutorService workers;

  /** Returns a new, empty cache built to {@code spec}. */
  protected abstract <K, V> Cache<K, V> newCache(CacheSpec<K, V> spec);

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker();
    workers = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "tck-cache-worker");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterEach
  void stopKit() {
    if (workers != null) {
      workers.shutdownNow();
    }
  }

  private <K, V> CacheSpec.Builder<K, V> spec() {
    return CacheSpec.builder(ticker);
  }

  private <K, V> Cache<K, V> cache(long maximumSize) {
    return implementation(newCache(this.<K, V>spec().maximumSize(maximumSize).build()));
  }

  @Override
  protected Object sampleImplementation() {
    return newCache(this.<String, String>spec().maximumSize(100).build());
  }

  /** A removal as the listener saw it. */
  private static final class Removal {
    final Object key;
    final Object value;
    final RemovalCause cause;

    Removal(Object key, Object value, RemovalCause cause) {
      this.key = key;
      this.value = value;
      this.cause = cause;
    }

    @Override
    public String toString() {
      return key + "=" + value + ":" + cause;
    }
  }

  // ---- 1. Map semantics ----

  @Test
  @DisplayName("CACHE-1.1 a value put is read back as the same instance; a key never put reads null")
  void readsBackWhatWasPut() {
    Cache<String, Object> cache = cache(100);
    Object value = new Object();
    cache.put("k", value);
    Object seen = cache.getIfPresent("k");
    expect(seen == value, "CACHE-1.1", "the instance put, " + value, seen);
    Object absent = cache.getIfPresent("never");
    expect(absent == null, "CACHE-1.1", "null for a key never put", absent);
  }

  @Test
  @DisplayName("CACHE-1.2 put replaces, invalidate removes one key, invalidateAll removes all, estimatedSize counts them")
  void replacesInvalidatesAndCounts() {
    Cache<String, String> cache = cache(100);
    cache.put("a", "1");
    cache.put("a", "2");
    expectEqual("CACHE-1.2", "the value after a second put", "2", cache.getIfPresent("a"));
    cache.put("b", "3");
    cache.put("c", "4");
    cache.cleanUp();
    expectEqual("CACHE-1.2", "estimatedSize of 3 entries", 3L, cache.estimatedSize());
    cache.invalidate("a");
    expectEqual("CACHE-1.2", "the value after invalidate", null, cache.getIfPresent("a"));
    expectEqual("CACHE-1.2", "the other key after invalidating a", "3", cache.getIfPresent("b"));
    cache.invalidateAll();
    cache.cleanUp();
    expect(cache.getIfPresent("b") == null && cache.getIfPresent("c") == null, "CACHE-1.2", "no entry after invalidateAll",
        "b=" + cache.getIfPresent("b") + ", c=" + cache.getIfPresent("c"));
    expectEqual("CACHE-1.2", "estimatedSize after invalidateAll", 0L, cache.estimatedSize());
  }

  @Test
  @DisplayName("CACHE-1.3 asMap is a live ConcurrentMap view: its conditional writes are atomic and agree with the cache")
  void asMapIsALiveView() {
    Cache<String, String> cache = cache(100);
    ConcurrentMap<String, String> map = cache.asMap();
    expectEqual("CACHE-1.3", "putIfAbsent on an absent key", null, map.putIfAbsent("a", "1"));
    expectEqual("CACHE-1.3", "putIfAbsent on a present key returns the present value", "1", map.putIfAbsent("a", "2"));
    expectEqual("CACHE-1.3", "the cache after putIfAbsent", "1", cache.getIfPresent("a"));
    expectEqual("CACHE-1.3", "replace with a wrong old value", false, map.replace("a", "x", "3"));
    expectEqual("CACHE-1.3", "replace with the right old value", true, map.replace("a", "1", "3"));
    expectEqual("CACHE-1.3", "the cache after replace", "3", cache.getIfPresent("a"));
    expectEqual("CACHE-1.3", "remove with a wrong value", false, map.remove("a", "1"));
    cache.put("b", "4");
    expectEqual("CACHE-1.3", "a put through the cache seen by the map", "4", map.get("b"));
    expectEqual("CACHE-1.3", "remove with the right value", true, map.remove("a", "3"));
    expectEqual("CACHE-1.3", "the cache after remove", null, cache.getIfPresent("a"));
    expectEqual("CACHE-1.3", "containsKey of a removed key", false, map.containsKey("a"));
    expectEqual("CACHE-1.3", "the map's entries", Map.of("b", "4"), new HashMap<>(map));
  }

  @Test
  @DisplayName("CACHE-1.4 a null key, value or loader is rejected with NullPointerException and changes nothing")
  void rejectsNulls() {
    Cache<String, String> cache = cache(100);
    cache.put("k", "v");
    List<String> accepted = new ArrayList<>();
    check(accepted, "put(null, v)", () -> cache.put(null, "v"));
    check(accepted, "put(k, null)", () -> cache.put("k", null));
    check(accepted, "getIfPresent(null)", () -> cache.getIfPresent(null));
    check(accepted, "invalidate(null)", () -> cache.invalidate(null));
    if (declares(CacheFeature.LOADING)) {
      check(accepted, "get(null, loader)", () -> cache.get(null, k -> "v"));
      check(accepted, "get(k, null)", () -> cache.get("other", null));
    }
    expect(accepted.isEmpty(), "CACHE-1.4", "NullPointerException from each call", "no NullPointerException from " + accepted);
    expectEqual("CACHE-1.4", "the entry after the rejected calls", "v", cache.getIfPresent("k"));
  }

  @Test
  @DisplayName("CACHE-1.5 asMap().computeIfAbsent raced by 4 callers for one absent key runs the function once; all get its value")
  void computeIfAbsentRunsOnce() throws Exception {
    ConcurrentMap<String, Object> map = this.<String, Object>cache(100).asMap();
    AtomicInteger runs = new AtomicInteger();
    List<Object> values = race("CACHE-1.5", runs, inFunction -> map.computeIfAbsent("k", k -> {
      inFunction.run();
      return new Object();
    }));
    expectEqual("CACHE-1.5", "function runs for 4 racing computeIfAbsent calls", 1, runs.get());
    Set<Object> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    distinct.addAll(values);
    expectEqual("CACHE-1.5", "distinct values returned", 1, distinct.size());
    expect(map.get("k") == values.get(0), "CACHE-1.5", "the cache holds the value returned", map.get("k"));
  }

  @Test
  @DisplayName("CACHE-1.6 asMap().compute, computeIfPresent and merge are atomic per key: 4 racing increments each run the function once, one at a time, and none is lost")
  void remappingIsAtomic() throws Exception {
    ConcurrentMap<String, Integer> map = this.<String, Integer>cache(100).asMap();
    Map<String, java.util.function.BiFunction<String, Runnable, Integer>> operations = new LinkedHashMap<>();
    operations.put("compute", (key, hook) -> map.compute(key, (k, v) -> {
      hook.run();
      return v == null ? 1 : v + 1;
    }));
    operations.put("computeIfPresent", (key, hook) -> map.computeIfPresent(key, (k, v) -> {
      hook.run();
      return v + 1;
    }));
    operations.put("merge", (key, hook) -> map.merge(key, 1, (old, one) -> {
      hook.run();
      return old + one;
    }));
    for (Map.Entry<String, java.util.function.BiFunction<String, Runnable, Integer>> operation : operations.entrySet()) {
      String key = operation.getKey();
      map.put(key, 0);
      AtomicInteger runs = new AtomicInteger();
      race("CACHE-1.6", runs, inFunction -> operation.getValue().apply(key, inFunction));
      expectEqual("CACHE-1.6", "function runs for 4 racing " + key + " calls", THREADS, runs.get());
      expectEqual("CACHE-1.6", "the value after 4 racing " + key + " increments from 0", THREADS, map.get(key));
    }
  }

  @Test
  @DisplayName("CACHE-1.7 asMap()'s compute family keeps ConcurrentMap's contract: a null result removes, computeIfPresent skips absent keys, a throwing function changes nothing")
  void computeContract() {
    Cache<String, String> cache = cache(100);
    ConcurrentMap<String, String> map = cache.asMap();
    AtomicInteger calls = new AtomicInteger();
    expectEqual("CACHE-1.7", "computeIfAbsent of an absent key", "1", map.computeIfAbsent("a", k -> "1"));
    expectEqual("CACHE-1.7", "computeIfAbsent of a present key", "1", map.computeIfAbsent("a", k -> "2"));
    expectEqual("CACHE-1.7", "computeIfAbsent whose function returns null", null, map.computeIfAbsent("b", k -> null));
    expectEqual("CACHE-1.7", "containsKey after a null computeIfAbsent", false, map.containsKey("b"));
    expectEqual("CACHE-1.7", "computeIfPresent of an absent key", null, map.computeIfPresent("b", (k, v) -> {
      calls.incrementAndGet();
      return "x";
    }));
    expectEqual("CACHE-1.7", "function calls by computeIfPresent of an absent key", 0, calls.get());
    expectEqual("CACHE-1.7", "compute of a present key", "1+", map.compute("a", (k, v) -> v + "+"));
    expectEqual("CACHE-1.7", "the cache after compute", "1+", cache.getIfPresent("a"));
    expectEqual("CACHE-1.7", "compute returning null", null, map.compute("a", (k, v) -> null));
    expectEqual("CACHE-1.7", "the cache after compute returned null", null, cache.getIfPresent("a"));
    expectEqual("CACHE-1.7", "merge of an absent key", "m", map.merge("c", "m", (old, v) -> old + v));
    expectEqual("CACHE-1.7", "merge of a present key", "mn", map.merge("c", "n", (old, v) -> old + v));
    expectEqual("CACHE-1.7", "merge returning null", null, map.merge("c", "o", (old, v) -> null));
    expectEqual("CACHE-1.7", "the cache after merge returned null", null, cache.getIfPresent("c"));
    map.put("d", "kept");
    IllegalStateException failure = new IllegalStateException("function failed");
    Outcome<String> thrown = outcomeOf(() -> map.compute("d", (k, v) -> {
      throw failure;
    }));
    expect(thrown.failed() && thrown.failure() == failure, "CACHE-1.7", "compute rethrows its function's exception", thrown);
    expectEqual("CACHE-1.7", "the value after a throwing compute", "kept", cache.getIfPresent("d"));
  }

  /**
   * Runs {@code call} on each of the kit's {@value #THREADS} workers at once. Each call's function
   * runs {@code inFunction}, which counts the run in {@code runs} and waits at a gate; the gate
   * opens once every worker is parked (in the function, or waiting for another caller's), so a
   * cache that lets the functions of one key run concurrently is seen running them on every
   * worker. Returns the calls' results.
   */
  private List<Object> race(String ruleId, AtomicInteger runs, Function<Runnable, Object> call) throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Set<Thread> threads = ConcurrentHashMap.newKeySet();
    CountDownLatch started = new CountDownLatch(THREADS);
    Runnable inFunction = () -> {
      runs.incrementAndGet();
      try {
        gate.await(hangGuard().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    List<Future<Object>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(workers.submit(() -> {
        threads.add(Thread.currentThread());
        started.countDown();
        return call.apply(inFunction);
      }));
    }
    started.await();
    awaitAllParked(threads, ruleId, THREADS + " racing callers of one key");
    gate.countDown();
    List<Object> results = new ArrayList<>();
    for (Future<Object> future : futures) {
      Outcome<Object> outcome = awaitOutcome(future, ruleId, "the racing calls to return");
      expect(!outcome.failed(), ruleId, "a value from each racing call", outcome);
      results.add(outcome.value());
    }
    return results;
  }

  private static void check(List<String> accepted, String call, Runnable action) {
    try {
      action.run();
      accepted.add(call);
    } catch (NullPointerException expected) {
      // rejected, as the rule requires
    }
  }

  // ---- 2. Bound ----

  @Test
  @DisplayName("CACHE-2.1 once maintenance has run the cache holds at most maximumSize entries (maximum 100, 500 keys, 5000 puts and reads)")
  void staysWithinMaximumSize() {
    Cache<Integer, Integer> cache = cache(100);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 1; i <= 5000; i++) {
      int key = random.nextInt(500);
      cache.put(key, i);
      cache.getIfPresent(random.nextInt(500));
      if (i % 50 == 0) {
        cache.cleanUp();
        long size = cache.estimatedSize();
        int present = cache.asMap().size();
        expect(size <= 100 && present <= 100, "CACHE-2.1", "at most 100 entries after cleanUp",
            "estimatedSize " + size + ", asMap().size() " + present + " after " + i + " puts");
      }
    }
  }

  @Test
  @DisplayName("CACHE-2.2 under 4 threads writing 20000 keys the cache holds at most maximumSize entries once maintenance has run")
  void staysWithinMaximumSizeUnderConcurrency() throws Exception {
    Cache<Integer, Integer> cache = cache(64);
    runConcurrently("CACHE-2.2", thread -> {
      for (int i = 0; i < 5000; i++) {
        int key = thread * 5000 + i;
        cache.put(key, key);
        cache.getIfPresent(key - 1);
      }
    });
    cache.cleanUp();
    long size = cache.estimatedSize();
    expect(size <= 64, "CACHE-2.2", "at most 64 entries after cleanUp", size + " entries");
    int present = cache.asMap().size();
    expect(present <= 64, "CACHE-2.2", "at most 64 entries in asMap()", present + " entries");
  }

  @Test
  @DisplayName("CACHE-2.3 with a weigher the entries' total weight stays within maximumWeight once maintenance has run; an entry heavier than it is not kept")
  void staysWithinMaximumWeight() {
    requireFeature(CacheFeature.WEIGHTS);
    Cache<Integer, String> cache = newCache(this.<Integer, String>spec().maximumWeight(100, (k, v) -> v.length()).build());
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 1000; i++) {
      cache.put(random.nextInt(200), "x".repeat(random.nextInt(1, 30)));
      if (i % 25 == 0) {
        cache.cleanUp();
        int total = 0;
        for (String value : cache.asMap().values()) {
          total += value.length();
        }
        expect(total <= 100, "CACHE-2.3", "a total weight of at most 100 after cleanUp", total + " after " + (i + 1) + " puts");
      }
    }
    cache.put(-1, "x".repeat(101));
    cache.cleanUp();
    expectEqual("CACHE-2.3", "the entry of weight 101 after cleanUp", null, cache.getIfPresent(-1));
  }

  // ---- 3. Eviction order ----

  @Test
  @DisplayName("CACHE-3.1 LRU: the entry evicted is the least recently used, reads and writes both counting as use")
  void evictsTheLeastRecentlyUsed() {
    requireFeature(CacheFeature.LRU_ORDER);
    Cache<String, String> cache = cache(3);
    cache.put("a", "1");
    cache.put("b", "2");
    cache.put("c", "3");
    cache.cleanUp();
    cache.getIfPresent("a"); // order now b, c, a
    cache.put("d", "4");     // evicts b
    cache.cleanUp();
    expectEqual("CACHE-3.1", "keys after reading a and putting d (b was least recent)", Set.of("a", "c", "d"), keys(cache));
    cache.put("c", "5");     // order now a, d, c
    cache.put("e", "6");     // evicts a
    cache.cleanUp();
    expectEqual("CACHE-3.1", "keys after rewriting c and putting e (a was least recent)", Set.of("c", "d", "e"), keys(cache));
  }

  @Test
  @DisplayName("CACHE-3.2 LRU: 3000 random reads, writes and invalidations over 48 keys (maximum 16) leave exactly the keys a reference LRU holds")
  void agreesWithAReferenceLru() {
    requireFeature(CacheFeature.LRU_ORDER);
    Cache<Integer, Integer> cache = cache(16);
    LinkedHashMap<Integer, Integer> model = new LinkedHashMap<>(16, 0.75f, true);
    SplittableRandom random = new SplittableRandom(2010);
    for (int i = 0; i < 3000; i++) {
      int key = random.nextInt(48);
      int op = random.nextInt(10);
      if (op < 5) {
        Integer seen = cache.getIfPresent(key);
        Integer expected = model.get(key);
        expectEqual("CACHE-3.2", "getIfPresent(" + key + ") at step " + i + " as in the reference LRU", expected, seen);
      } else if (op < 9) {
        cache.put(key, i);
        model.put(key, i);
        if (model.size() > 16) {
          model.remove(model.keySet().iterator().next());
        }
      } else {
        cache.invalidate(key);
        model.remove(key);
      }
      cache.cleanUp();
      Set<Integer> present = keys(cache);
      if (!present.equals(model.keySet())) {
        throw violation("CACHE-3.2", "keys " + new TreeSet<>(model.keySet()) + " after step " + i, new TreeSet<>(present));
      }
    }
  }

  @Test
  @DisplayName("CACHE-3.3 LFU: entries read often survive a stream of 50 keys written once (maximum 10)")
  void frequentEntriesSurviveOneHitWonders() {
    requireFeature(CacheFeature.LFU_ORDER);
    Cache<Integer, Integer> cache = cache(10);
    for (int key = 0; key < 10; key++) {
      cache.put(key, key);
      for (int i = 0; i < 5; i++) {
        cache.getIfPresent(key);
      }
    }
    cache.cleanUp();
    for (int key = 1000; key < 1050; key++) {
      cache.put(key, key);
      cache.cleanUp();
    }
    Set<Integer> lost = new TreeSet<>();
    for (int key = 0; key < 10; key++) {
      if (cache.getIfPresent(key) == null) {
        lost.add(key);
      }
    }
    expect(lost.isEmpty(), "CACHE-3.3", "all 10 frequently read keys still cached", "lost " + lost);
  }

  @Test
  @DisplayName("CACHE-3.4 LFU: when an eviction is due, the entries used more often than the others survive it")
  void evictsTheLeastFrequentlyUsed() {
    requireFeature(CacheFeature.LFU_ORDER);
    Cache<String, String> cache = cache(3);
    cache.put("a", "1");
    cache.put("b", "2");
    cache.put("c", "3");
    for (int i = 0; i < 4; i++) {
      cache.getIfPresent("a");
      cache.getIfPresent("c");
    }
    cache.cleanUp();
    cache.put("d", "4");
    cache.cleanUp();
    Set<String> present = keys(cache);
    expect(present.contains("a") && present.contains("c") && present.size() == 3, "CACHE-3.4",
        "a and c (each read 4 times) kept, and one of b, d (used once) evicted", present);
  }

  private static <K, V> Set<K> keys(Cache<K, V> cache) {
    return new HashSet<>(cache.asMap().keySet());
  }

  // ---- 4. Expiry ----

  @Test
  @DisplayName("CACHE-4.1 expireAfterWrite: an entry is returned until 1 ns before its time to live and never from then on; maintenance removes it as EXPIRED")
  void expiresAfterWrite() {
    requireFeature(CacheFeature.EXPIRY);
    List<Removal> removals = new CopyOnWriteArrayList<>();
    CacheSpec.Builder<String, String> spec = this.<String, String>spec().maximumSize(100).expireAfterWrite(Duration.ofSeconds(10));
    if (declares(CacheFeature.REMOVAL_LISTENER)) {
      spec.removalListener((k, v, c) -> removals.add(new Removal(k, v, c)));
    }
    Cache<String, String> cache = newCache(spec.build());
    cache.put("k", "v");
    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    expectEqual("CACHE-4.1", "the value 1 ns before expiry", "v", cache.getIfPresent("k"));
    ticker.advance(Duration.ofNanos(1));
    expectEqual("CACHE-4.1", "the value at expiry", null, cache.getIfPresent("k"));
    expectEqual("CACHE-4.1", "asMap().get at expiry", null, cache.asMap().get("k"));
    cache.cleanUp();
    expectEqual("CACHE-4.1", "estimatedSize after cleanUp", 0L, cache.estimatedSize());
    if (declares(CacheFeature.REMOVAL_LISTENER)) {
      expectEqual("CACHE-4.1", "removal notices", "[k=v:EXPIRED]", removals.toString());
    }
  }

  @Test
  @DisplayName("CACHE-4.2 expireAfterAccess: each read restarts an entry's time to live; an entry left unread for it is gone")
  void expiresAfterAccess() {
    requireFeature(CacheFeature.EXPIRY);
    Cache<String, String> cache = newCache(this.<String, String>spec().maximumSize(100).expireAfterAccess(Duration.ofSeconds(5)).build());
    cache.put("k", "v");
    for (int i = 0; i < 4; i++) {
      ticker.advance(Duration.ofSeconds(4));
      expectEqual("CACHE-4.2", "the value read every 4 s (time to live 5 s), read " + (i + 1), "v", cache.getIfPresent("k"));
    }
    ticker.advance(Duration.ofSeconds(5));
    expectEqual("CACHE-4.2", "the value after 5 s unread", null, cache.getIfPresent("k"));
  }

  @Test
  @DisplayName("CACHE-4.3 expireAfterWrite: a new write restarts the time to live, and reads do not")
  void writeRestartsExpiry() {
    requireFeature(CacheFeature.EXPIRY);
    Cache<String, String> cache = newCache(this.<String, String>spec().maximumSize(100).expireAfterWrite(Duration.ofSeconds(10)).build());
    cache.put("k", "v1");
    ticker.advance(Duration.ofSeconds(8));
    cache.put("k", "v2");
    ticker.advance(Duration.ofSeconds(8));
    expectEqual("CACHE-4.3", "the rewritten value 8 s after the rewrite", "v2", cache.getIfPresent("k"));
    ticker.advance(Duration.ofSeconds(2));
    expectEqual("CACHE-4.3", "the value 10 s after the rewrite, though read 2 s before", null, cache.getIfPresent("k"));
  }

  @Test
  @DisplayName("CACHE-4.4 with the kit's scheduler and no call on the cache, each entry is removed (told EXPIRED) within 2 s after its time to live, and none before")
  void removesExpiredEntriesOnTheScheduler() {
    requireFeature(CacheFeature.EXPIRY);
    requireFeature(CacheFeature.SCHEDULED_EXPIRY);
    List<Removal> removals = new CopyOnWriteArrayList<>();
    CacheSpec.Builder<String, String> spec = this.<String, String>spec().maximumSize(100)
        .expireAfterWrite(Duration.ofSeconds(10)).scheduledOnTicker();
    if (declares(CacheFeature.REMOVAL_LISTENER)) {
      spec.removalListener((k, v, c) -> removals.add(new Removal(k, v, c)));
    }
    Cache<String, String> cache = newCache(spec.build());
    cache.put("a", "1");
    cache.put("b", "2");
    ticker.advance(Duration.ofSeconds(5));
    cache.put("c", "3");
    // From here on the kit only advances time and looks: no call on the cache that could run its maintenance.
    ticker.advance(Duration.ofSeconds(5).minusNanos(1));
    expectEqual("CACHE-4.4", "entries 1 ns before the first expiry (10 s)", 3L, cache.estimatedSize());
    ticker.advance(Duration.ofSeconds(2).plusNanos(1));
    awaitSize(cache, 1, "CACHE-4.4", "a and b (expired at 10 s) removed by 12 s, and c (expiring at 15 s) kept");
    if (declares(CacheFeature.REMOVAL_LISTENER)) {
      expectEqual("CACHE-4.4", "removal notices at 12 s", new HashSet<>(List.of("a=1:EXPIRED", "b=2:EXPIRED")), noticeSet(removals));
    }
    ticker.advance(Duration.ofSeconds(3).minusNanos(1));
    expectEqual("CACHE-4.4", "entries 1 ns before c's expiry (15 s)", 1L, cache.estimatedSize());
    ticker.advance(Duration.ofSeconds(2).plusNanos(1));
    awaitSize(cache, 0, "CACHE-4.4", "c (expired at 15 s) removed by 17 s");
    if (declares(CacheFeature.REMOVAL_LISTENER)) {
      expectEqual("CACHE-4.4", "removal notices at 17 s", new HashSet<>(List.of("a=1:EXPIRED", "b=2:EXPIRED", "c=3:EXPIRED")),
          noticeSet(removals));
      expectEqual("CACHE-4.4", "notices, one per entry", 3, removals.size());
    }
  }

  private static Set<String> noticeSet(List<Removal> removals) {
    Set<String> notices = new HashSet<>();
    for (Removal removal : removals) {
      notices.add(removal.toString());
    }
    return notices;
  }

  /**
   * Waits, within the hang guard, for {@code estimatedSize()} to reach {@code size}: a cache may run
   * its scheduled maintenance on an executor of its own, after the kit's ticker has handed it over.
   */
  private void awaitSize(Cache<?, ?> cache, long size, String ruleId, String expected) {
    long deadline = System.nanoTime() + hangGuard().toNanos();
    long seen = cache.estimatedSize();
    while (seen > size && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
      seen = cache.estimatedSize();
    }
    expect(seen == size, ruleId, expected + ": " + size + " entries", seen + " entries");
  }

  // ---- 5. Loading ----

  @Test
  @DisplayName("CACHE-5.1 get(key, loader) loads an absent key once, caches and returns the value; a present key never calls the loader")
  void loadsAbsentKeys() {
    requireFeature(CacheFeature.LOADING);
    Cache<String, String> cache = cache(100);
    AtomicInteger calls = new AtomicInteger();
    Function<String, String> loader = k -> {
      calls.incrementAndGet();
      return k + "!";
    };
    expectEqual("CACHE-5.1", "the loaded value", "a!", cache.get("a", loader));
    expectEqual("CACHE-5.1", "the cached value after a load", "a!", cache.getIfPresent("a"));
    expectEqual("CACHE-5.1", "the value of a second get", "a!", cache.get("a", loader));
    cache.put("b", "put");
    expectEqual("CACHE-5.1", "get of a key put before", "put", cache.get("b", loader));
    expectEqual("CACHE-5.1", "loader calls", 1, calls.get());
  }

  @Test
  @DisplayName("CACHE-5.2 8 threads asking get(key, loader) for the same absent key at once: the loader runs once and all receive its value (5 keys)")
  void loadsOnceUnderConcurrency() throws Exception {
    requireFeature(CacheFeature.LOADING);
    Cache<String, Object> cache = cache(100);
    ExecutorService callers = Executors.newFixedThreadPool(8, runnable -> {
      Thread thread = new Thread(runnable, "tck-cache-loader");
      thread.setDaemon(true);
      return thread;
    });
    try {
      for (int round = 0; round < 5; round++) {
        String key = "key" + round;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        CountDownLatch entered = new CountDownLatch(8);
        Function<String, Object> loader = k -> {
          loads.incrementAndGet();
          try {
            gate.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Object();
        };
        List<Future<Object>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          results.add(callers.submit(() -> {
            threads.add(Thread.currentThread());
            entered.countDown();
            return cache.get(key, loader);
          }));
        }
        entered.await();
        awaitAllParked(threads, "CACHE-5.2", "8 callers waiting for one load");
        gate.countDown();
        Set<Object> values = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Future<Object> result : results) {
          Outcome<Object> outcome = awaitOutcome(result, "CACHE-5.2", "get to return once the load is released");
          expect(!outcome.failed(), "CACHE-5.2", "a value", outcome);
          values.add(outcome.value());
        }
        expectEqual("CACHE-5.2", "loader calls for " + key + " by 8 concurrent gets", 1, loads.get());
        expectEqual("CACHE-5.2", "distinct values received", 1, values.size());
      }
    } finally {
      callers.shutdownNow();
    }
  }

  /** Waits until every thread is parked (in the loader or waiting for it); a hang guard bounds the wait. */
  private void awaitAllParked(Set<Thread> threads, String ruleId, String waitingFor) {
    long deadline = System.nanoTime() + hangGuard().toNanos();
    while (System.nanoTime() < deadline) {
      boolean allParked = true;
      for (Thread thread : threads) {
        Thread.State state = thread.getState();
        allParked &= state == Thread.State.WAITING || state == Thread.State.BLOCKED || state == Thread.State.TIMED_WAITING;
      }
      if (allParked) {
        return;
      }
      Thread.onSpinWait();
    }
    throw violation(ruleId, waitingFor, "callers still running after " + hangGuard().toSeconds() + "s");
  }

  @Test
  @DisplayName("CACHE-5.3 a loader's exception reaches the caller unchanged and is not cached: the next get loads again")
  void loaderFailureIsNotCached() {
    requireFeature(CacheFeature.LOADING);
    Cache<String, String> cache = cache(100);
    IllegalStateException failure = new IllegalStateException("backend down");
    Outcome<String> first = outcomeOf(() -> cache.get("k", k -> {
      throw failure;
    }));
    expect(first.failure() == failure, "CACHE-5.3", "the loader's own " + failure, first);
    expectEqual("CACHE-5.3", "the value cached after a failed load", null, cache.getIfPresent("k"));
    AtomicInteger calls = new AtomicInteger();
    Outcome<String> second = outcomeOf(() -> cache.get("k", k -> {
      calls.incrementAndGet();
      return "v";
    }));
    expect(!second.failed() && "v".equals(second.value()), "CACHE-5.3", "the second loader's value v", second);
    expectEqual("CACHE-5.3", "calls of the second loader", 1, calls.get());
  }

  // ---- 6. Removal notices ----

  @Test
  @DisplayName("CACHE-6.1 each removal is told once, with its key, the value removed and its cause: EXPLICIT, REPLACED, SIZE")
  void reportsEachRemovalOnce() {
    requireFeature(CacheFeature.REMOVAL_LISTENER);
    List<Removal> removals = new CopyOnWriteArrayList<>();
    Cache<String, String> cache = newCache(this.<String, String>spec().maximumSize(2)
        .removalListener((k, v, c) -> removals.add(new Removal(k, v, c))).build());
    cache.put("a", "1");
    cache.put("a", "2");
    expectEqual("CACHE-6.1", "notices after replacing a", "[a=1:REPLACED]", removals.toString());
    cache.invalidate("a");
    expectEqual("CACHE-6.1", "notices after invalidating a", "[a=1:REPLACED, a=2:EXPLICIT]", removals.toString());
    cache.invalidate("a");
    cache.put("b", "3");
    cache.put("c", "4");
    cache.put("d", "5");
    cache.cleanUp();
    List<Removal> sized = new ArrayList<>();
    for (Removal removal : removals) {
      if (removal.cause == RemovalCause.SIZE) {
        sized.add(removal);
      }
    }
    expect(removals.size() == 3 && sized.size() == 1, "CACHE-6.1",
        "one SIZE notice after 3 puts into a cache of 2 (and nothing for invalidating an absent key)", removals);
    Removal evicted = sized.get(0);
    expect(!cache.asMap().containsKey((String) evicted.key) && cache.estimatedSize() == 2, "CACHE-6.1",
        "the key told as evicted gone and 2 entries left", evicted + ", keys " + keys(cache));
  }

  @Test
  @DisplayName("CACHE-6.2 under 4 threads putting, replacing and invalidating, every value put is told removed exactly once by the end")
  void reportsEveryRemovalOnceUnderConcurrency() throws Exception {
    requireFeature(CacheFeature.REMOVAL_LISTENER);
    ConcurrentHashMap<Object, Integer> told = new ConcurrentHashMap<>();
    Cache<Integer, String> cache = newCache(this.<Integer, String>spec().maximumSize(32)
        .removalListener((k, v, c) -> told.merge(v, 1, Integer::sum)).build());
    int perThread = 3000;
    runConcurrently("CACHE-6.2", thread -> {
      SplittableRandom random = new SplittableRandom(thread);
      for (int i = 0; i < perThread; i++) {
        int key = random.nextInt(64);
        if (random.nextInt(4) == 0) {
          cache.invalidate(key);
        } else {
          cache.put(key, thread + ":" + i);
        }
      }
    });
    cache.invalidateAll();
    cache.cleanUp();
    int putCount = 0;
    for (int thread = 0; thread < THREADS; thread++) {
      SplittableRandom random = new SplittableRandom(thread);
      for (int i = 0; i < perThread; i++) {
        random.nextInt(64);
        if (random.nextInt(4) != 0) {
          putCount++;
          Integer count = told.get(thread + ":" + i);
          if (count == null || count != 1) {
            throw violation("CACHE-6.2", "value " + thread + ":" + i + " told removed once", count == null ? "never told" : count + " times");
          }
        }
      }
    }
    expectEqual("CACHE-6.2", "values told removed", putCount, told.size());
  }

  // ---- 7. Statistics ----

  @Test
  @DisplayName("CACHE-7.1 statistics count the hits, misses, loads, load failures and evictions that happened")
  void statsMatchWhatHappened() {
    requireFeature(CacheFeature.STATS);
    Cache<String, String> cache = newCache(this.<String, String>spec().maximumSize(2).recordStats().build());
    cache.put("a", "1");
    cache.getIfPresent("a");
    cache.getIfPresent("a");
    cache.getIfPresent("x");
    long loads = 0;
    long failures = 0;
    long hits = 2;
    long misses = 1;
    if (declares(CacheFeature.LOADING)) {
      cache.get("b", k -> "2");
      cache.get("b", k -> "never");
      outcomeOf(() -> cache.get("c", k -> {
        throw new IllegalStateException("fails");
      }));
      loads = 1;
      failures = 1;
      hits += 1;
      misses += 2;
    }
    cache.put("d", "4");
    cache.put("e", "5");
    cache.cleanUp();
    CacheStats stats = cache.stats();
    long evictions = declares(CacheFeature.LOADING) ? 2 : 1;
    expectEqual("CACHE-7.1", "hits", hits, stats.hitCount());
    expectEqual("CACHE-7.1", "misses", misses, stats.missCount());
    expectEqual("CACHE-7.1", "load successes", loads, stats.loadSuccessCount());
    expectEqual("CACHE-7.1", "load failures", failures, stats.loadFailureCount());
    expectEqual("CACHE-7.1", "evictions", evictions, stats.evictionCount());
  }

  // ---- 8. Concurrency ----

  @Test
  @DisplayName("CACHE-8.1 under concurrent puts, reads and invalidations, no read returns a value after its invalidation has completed")
  void noValueAfterItsInvalidation() throws Exception {
    Cache<Integer, Long> cache = cache(1000);
    int keys = 8;
    AtomicLongArray invalidated = new AtomicLongArray(keys); // per key: the highest version whose invalidation completed
    List<String> stale = new CopyOnWriteArrayList<>();
    runConcurrently("CACHE-8.1", thread -> {
      if (thread < 2) { // writers: key k written only by thread k % 2, versions increasing
        for (long version = 1; version <= 4000; version++) {
          for (int key = thread; key < keys; key += 2) {
            cache.put(key, version);
            cache.invalidate(key);
            invalidated.set(key, version);
          }
        }
      } else {
        SplittableRandom random = new SplittableRandom(thread);
        for (int i = 0; i < 40_000 && stale.isEmpty(); i++) {
          int key = random.nextInt(keys);
          long done = invalidated.get(key);
          Long seen = cache.getIfPresent(key);
          if (seen != null && seen <= done) {
            stale.add("key " + key + " returned version " + seen + " after version " + done + "'s invalidation completed");
          }
        }
      }
    });
    expect(stale.isEmpty(), "CACHE-8.1", "no value read after its invalidation completed", stale);
  }

  @Test
  @DisplayName("CACHE-8.2 no update is lost: 4 threads merging +1 into 4 counters through asMap() and putting distinct keys leave every count and key")
  void noUpdateIsLost() throws Exception {
    Cache<Integer, Integer> cache = cache(10_000);
    ConcurrentMap<Integer, Integer> map = cache.asMap();
    int perThread = 2000;
    runConcurrently("CACHE-8.2", thread -> {
      for (int i = 0; i < perThread; i++) {
        map.merge(-1 - (i % 4), 1, Integer::sum);
        cache.put(thread * perThread + i, i);
      }
    });
    cache.cleanUp();
    for (int counter = -1; counter >= -4; counter--) {
      expectEqual("CACHE-8.2", "counter " + counter + " after " + THREADS * perThread / 4 + " merges", THREADS * perThread / 4,
          cache.getIfPresent(counter));
    }
    int missing = 0;
    for (int key = 0; key < THREADS * perThread; key++) {
      if (cache.getIfPresent(key) == null) {
        missing++;
      }
    }
    expectEqual("CACHE-8.2", "keys put concurrently and missing afterwards", 0, missing);
  }

  /** A task for thread {@code index} of the kit's workers. */
  @FunctionalInterface
  private interface Worker {
    void run(int index) throws Exception;
  }

  private void runConcurrently(String ruleId, Worker worker) throws Exception {
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<Object>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int index = t;
      futures.add(workers.submit(() -> {
        start.await();
        worker.run(index);
        return null;
      }));
    }
    for (Future<Object> future : futures) {
      Outcome<Object> outcome = awaitOutcome(future, ruleId, "the workers to finish");
      if (outcome.failed()) {
        if (outcome.failure() instanceof AssertionError) {
          throw (AssertionError) outcome.failure();
        }
        throw violation(ruleId, "no exception from the cache under concurrency", outcome);
      }
    }
  }

  // ---- 9. Races between operations on one key, views, failing loaders ----

  @Test
  @DisplayName("CACHE-9.1 a load racing an invalidation of its key (invalidate or asMap().remove made while the loader runs): once both return the key is absent")
  void loadRacingInvalidationLeavesNothing() throws InterruptedException {
    requireFeature(CacheFeature.LOADING);
    Map<String, java.util.function.Consumer<Cache<String, String>>> writes = new LinkedHashMap<>();
    writes.put("invalidate(k)", c -> c.invalidate("k"));
    writes.put("asMap().remove(k)", c -> c.asMap().remove("k"));
    // not invalidateAll(): like ConcurrentHashMap.clear and Caffeine's invalidateAll it is weakly consistent, and
    // Caffeine documents its effect on an entry being loaded and otherwise absent as undefined
    for (Map.Entry<String, java.util.function.Consumer<Cache<String, String>>> write : writes.entrySet()) {
      new CacheRaceChecks(this).loadRacedByWrite("CACHE-9.1", cache(100), write.getKey(), write.getValue(), null);
    }
  }

  @Test
  @DisplayName("CACHE-9.2 a load racing a put of its key (put, asMap().put made while the loader runs): once both return the cache holds the value put, not the load's")
  void loadRacingPutKeepsThePut() throws InterruptedException {
    requireFeature(CacheFeature.LOADING);
    Map<String, java.util.function.Consumer<Cache<String, String>>> writes = new LinkedHashMap<>();
    writes.put("put(k, put)", c -> c.put("k", "put"));
    writes.put("asMap().put(k, put)", c -> c.asMap().put("k", "put"));
    for (Map.Entry<String, java.util.function.Consumer<Cache<String, String>>> write : writes.entrySet()) {
      new CacheRaceChecks(this).loadRacedByWrite("CACHE-9.2", cache(100), write.getKey(), write.getValue(), "put");
    }
  }

  @Test
  @DisplayName("CACHE-9.3 collections handed out: a removal through asMap()'s keySet, values, entrySet or an iterator reaches the cache (or throws UnsupportedOperationException); policy().coldest/hottest are unmodifiable snapshots")
  void viewsDoNotDetach() {
    new CacheRaceChecks(this).viewsDoNotDetach("CACHE-9.3", cache(100));
  }

  @Test
  @DisplayName("CACHE-9.4 a loader that throws an Error or a RuntimeException while another get waits on it: both callers return (the same throwable, or the waiter's own value), nothing is cached, the key loads again, and the stats count exactly one failure")
  void failedLoadLeavesNothing() throws InterruptedException {
    requireFeature(CacheFeature.LOADING);
    boolean stats = declares(CacheFeature.STATS);
    for (Throwable failure : List.of(new AssertionError("loader error"), new IllegalStateException("loader failure"),
        new OutOfMemoryError("loader ran out"))) {
      Cache<String, String> cache = stats ? newCache(this.<String, String>spec().maximumSize(100).recordStats().build()) : cache(100);
      new CacheRaceChecks(this).failedLoadLeavesNothing("CACHE-9.4", cache, failure, stats);
    }
  }

  @Test
  @DisplayName("CACHE-9.5 load outcomes are counted exactly: a loader returning null caches nothing and is a miss and a load failure, a throwing one a miss and a failure, and the load time is the ticker's to the nanosecond (1.5 ms + 0.25 ms + 0.125 ms, not whole milliseconds)")
  void loadStatsAreExact() {
    requireFeature(CacheFeature.LOADING);
    requireFeature(CacheFeature.STATS);
    Cache<String, String> cache = newCache(this.<String, String>spec().maximumSize(100).recordStats().build());
    CacheStats before = cache.stats();
    Outcome<String> loaded = outcomeOf(() -> cache.get("a", k -> {
      ticker.advance(Duration.ofNanos(1_500_000));
      return "1";
    }));
    Outcome<String> none = outcomeOf(() -> cache.get("b", k -> {
      ticker.advance(Duration.ofNanos(250_000));
      return null;
    }));
    IllegalStateException failure = new IllegalStateException("loader failure");
    Outcome<String> failed = outcomeOf(() -> cache.get("c", k -> {
      ticker.advance(Duration.ofNanos(125_000));
      throw failure;
    }));
    expect(!loaded.failed() && "1".equals(loaded.value()), "CACHE-9.5", "the loaded value 1", loaded);
    expect(!none.failed() && none.value() == null, "CACHE-9.5", "null from get when the loader returns null", none);
    expect(failed.failure() == failure, "CACHE-9.5", "the loader's own " + failure, failed);
    CacheStats after = cache.stats();
    expectEqual("CACHE-9.5", "misses counted for 3 loads", 3L, after.missCount() - before.missCount());
    expectEqual("CACHE-9.5", "hits counted for 3 loads", 0L, after.hitCount() - before.hitCount());
    expectEqual("CACHE-9.5", "load successes (the loader that returned a value)", 1L, after.loadSuccessCount() - before.loadSuccessCount());
    expectEqual("CACHE-9.5", "load failures (the loader that returned null and the one that threw)", 2L,
        after.loadFailureCount() - before.loadFailureCount());
    expectEqual("CACHE-9.5", "load time in ns (1.5 ms + 0.25 ms + 0.125 ms on the ticker)", 1_875_000L,
        after.totalLoadTimeNanos() - before.totalLoadTimeNanos());
    expect(!cache.asMap().containsKey("b") && !cache.asMap().containsKey("c"), "CACHE-9.5",
        "nothing cached for a loader that returned null or threw", cache.asMap().keySet());
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    Outcome<String> again = outcomeOf(() -> cache.get("b", k -> {
      calls.incrementAndGet();
      return "2";
    }));
    expect(!again.failed() && "2".equals(again.value()) && calls.get() == 1, "CACHE-9.5",
        "the next get of the key whose loader returned null to load again", again + " after " + calls.get() + " loader calls");
  }

  // bridges for the package's rule helpers

  <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
    return workers.submit(task);
  }

  void check(boolean holds, String ruleId, Object expected, Object seen) {
    expect(holds, ruleId, expected, seen);
  }

  <T> Outcome<T> outcome(Future<T> future, String ruleId, String waitingFor) {
    return awaitOutcome(future, ruleId, waitingFor);
  }

  static <T> Outcome<T> outcomeOfForHelpers(java.util.concurrent.Callable<T> action) {
    return outcomeOf(action);
  }

  void await(CountDownLatch latch, String ruleId, String waitingFor) throws InterruptedException {
    if (!latch.await(hangGuard().toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)) {
      throw violation(ruleId, waitingFor, "not after " + hangGuard().toSeconds() + "s");
    }
  }

  /** Waits, within the hang guard, until the task is done or its thread is parked (waiting for a lock or a load). */
  void awaitParkedOrDone(java.util.function.Supplier<Thread> thread, Future<?> task, String ruleId, String waitingFor) {
    long deadline = System.nanoTime() + hangGuard().toNanos();
    while (System.nanoTime() < deadline) {
      Thread running = thread.get();
      if (task.isDone() || (running != null && CacheRaceChecks.parked().contains(running.getState()))) {
        return;
      }
      Thread.onSpinWait();
    }
    throw violation(ruleId, waitingFor, "still running after " + hangGuard().toSeconds() + "s");
  }
}
