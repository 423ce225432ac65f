package dev.trestle.tck.cache;

import dev.trestle.cache.Cache;
import dev.trestle.cache.CacheStats;
import dev.trestle.tck.ConformanceKit.Outcome;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Rules CACHE-9.x: a load raced by a write of its key, views handed out, and loaders that throw.
 * Called from {@link CacheTck}, which supplies the caches, the threads and the verdicts.
 */
final class CacheRaceChecks {

  private final CacheTck kit;

  CacheRaceChecks(CacheTck kit) {
    this.kit = kit;
  }

  /** A loader that tells when it has started and then waits for the gate before returning its value. */
  private static final class GatedLoader implements Function<String, String> {
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch gate = new CountDownLatch(1);
    private final Supplier<String> result;

    GatedLoader(Supplier<String> result) {
      this.result = result;
    }

    @Override
    public String apply(String key) {
      started.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return result.get();
    }
  }

  // ---- CACHE-9.1, 9.2 ----

  /**
   * A load of {@code k} is held in its loader while another thread runs {@code write} on the same
   * key; the loader is released only once that write has returned or is parked waiting for the
   * load. After both, the cache holds {@code expected} (the write's outcome), never the load's
   * value computed before the write.
   */
  void loadRacedByWrite(String rule, Cache<String, String> cache, String writing, java.util.function.Consumer<Cache<String, String>> write,
      String expected) throws InterruptedException {
    GatedLoader loader = new GatedLoader(() -> "loaded-before-" + writing);
    Future<String> load = kit.submit(() -> cache.get("k", loader));
    kit.await(loader.started, rule, "the loader of get(k, loader) to start");
    java.util.concurrent.atomic.AtomicReference<Thread> writer = new java.util.concurrent.atomic.AtomicReference<>();
    Future<Object> written = kit.submit(() -> {
      writer.set(Thread.currentThread());
      write.accept(cache);
      return null;
    });
    kit.awaitParkedOrDone(writer::get, written, rule, writing + " to return or to wait for the load");
    loader.gate.countDown();
    Outcome<String> loaded = kit.outcome(load, rule, "get(k, loader) to return once its loader is released");
    kit.check(!loaded.failed(), rule, "get(k, loader) to return a value", loaded);
    Outcome<Object> wrote = kit.outcome(written, rule, writing + " to return");
    kit.check(!wrote.failed(), rule, writing + " to return normally", wrote);
    cache.cleanUp();
    kit.check(java.util.Objects.equals(expected, cache.getIfPresent("k")), rule,
        "k " + (expected == null ? "absent" : "= " + expected) + " once a load of k and " + writing + " made during it have both returned",
        "k = " + cache.getIfPresent("k") + (cache.asMap().containsKey("k") ? " (asMap contains it)" : ""));
    kit.check(java.util.Objects.equals(expected, cache.asMap().get("k")), rule,
        "asMap().get(k) = " + expected + " after the race with " + writing, cache.asMap().get("k"));
  }

  // ---- CACHE-9.3 ----

  /**
   * Collections handed out: a change through asMap()'s key set, values or entries either reaches the
   * cache or throws UnsupportedOperationException; policy().coldest/hottest are unmodifiable, as
   * documented, and do not move when the cache does.
   */
  void viewsDoNotDetach(String rule, Cache<String, String> cache) {
    for (int i = 0; i < 6; i++) {
      cache.put("k" + i, "v" + i);
    }
    cache.cleanUp();
    ConcurrentMap<String, String> map = cache.asMap();
    expectWritesThrough(rule, cache, "asMap().keySet().remove(k0)", "k0", () -> map.keySet().remove("k0"));
    expectWritesThrough(rule, cache, "asMap().values().remove(v1)", "k1", () -> map.values().remove("v1"));
    expectWritesThrough(rule, cache, "asMap().entrySet().remove(k2=v2)", "k2", () -> map.entrySet().remove(Map.entry("k2", "v2")));
    expectWritesThrough(rule, cache, "asMap().keySet().removeIf(k3)", "k3", () -> map.keySet().removeIf("k3"::equals));
    expectWritesThrough(rule, cache, "removing k4 through asMap().keySet().iterator()", "k4", () -> {
      for (Iterator<String> keys = map.keySet().iterator(); keys.hasNext(); ) {
        if (keys.next().equals("k4")) {
          keys.remove();
          return true;
        }
      }
      return false;
    });
    Outcome<Object> set = ConformanceKitAccess.outcomeOf(() -> {
      for (Map.Entry<String, String> entry : map.entrySet()) {
        if (entry.getKey().equals("k5")) {
          return entry.setValue("changed");
        }
      }
      return "no k5";
    });
    if (!(set.failure() instanceof UnsupportedOperationException)) {
      kit.check(!set.failed() && "changed".equals(cache.getIfPresent("k5")), rule,
          "Map.Entry.setValue through asMap().entrySet() to write k5 = changed to the cache (or throw UnsupportedOperationException)",
          set.failed() ? set : "k5 = " + cache.getIfPresent("k5"));
    }
    cache.put("a", "1");
    cache.put("b", "2");
    cache.cleanUp();
    long size = cache.estimatedSize();
    for (boolean hottest : new boolean[] {false, true}) {
      String name = hottest ? "policy().hottest(10)" : "policy().coldest(10)";
      Map<String, String> order = hottest ? cache.policy().hottest(10) : cache.policy().coldest(10);
      Map<String, String> copy = new java.util.LinkedHashMap<>(order);
      for (Map.Entry<String, Runnable> change : Map.<String, Runnable>of("put(x, y)", () -> order.put("x", "y"),
          "remove(a)", () -> order.remove("a"), "clear()", order::clear).entrySet()) {
        Outcome<Object> outcome = ConformanceKitAccess.outcomeOf(() -> {
          change.getValue().run();
          return null;
        });
        kit.check(outcome.failure() instanceof UnsupportedOperationException, rule,
            "UnsupportedOperationException from " + name + "." + change.getKey() + " (documented unmodifiable)", outcome);
      }
      kit.check("1".equals(cache.getIfPresent("a")) && cache.getIfPresent("x") == null && cache.estimatedSize() == size, rule,
          "the cache unchanged by changes tried on " + name, "a = " + cache.getIfPresent("a") + ", size " + cache.estimatedSize());
      cache.put("c", "3");
      cache.invalidate("b");
      cache.cleanUp();
      kit.check(copy.equals(order), rule, name + " a snapshot that keeps " + copy + " when the cache changes", order);
      cache.invalidate("c");
      cache.put("b", "2");
      cache.cleanUp();
    }
  }

  private void expectWritesThrough(String rule, Cache<String, String> cache, String what, String key,
      java.util.concurrent.Callable<Boolean> change) {
    Outcome<Boolean> outcome = ConformanceKitAccess.outcomeOf(change);
    if (outcome.failure() instanceof UnsupportedOperationException) {
      kit.check(cache.getIfPresent(key) != null, rule, "the cache unchanged by " + what + ", which threw UnsupportedOperationException",
          key + " gone");
      return;
    }
    kit.check(!outcome.failed() && Boolean.TRUE.equals(outcome.value()), rule, what + " to report the removal", outcome);
    kit.check(cache.getIfPresent(key) == null && !cache.asMap().containsKey(key), rule,
        key + " gone from the cache after " + what + " reported removing it", key + " = " + cache.getIfPresent(key));
  }

  // ---- CACHE-9.4 ----

  /**
   * A loader that throws an Error (or a RuntimeException) while a second caller waits on its load:
   * the first caller gets the same throwable, the second the same throwable or its own loader's
   * value (never a hang), nothing of the failed load is cached, and the key loads again at once.
   */
  void failedLoadLeavesNothing(String rule, Cache<String, String> cache, Throwable failure, boolean stats) throws InterruptedException {
    String key = "k-" + failure.getClass().getSimpleName();
    CacheStats before = cache.stats();
    GatedLoader failing = new GatedLoader(() -> {
      if (failure instanceof Error) {
        throw (Error) failure;
      }
      throw (RuntimeException) failure;
    });
    Future<String> first = kit.submit(() -> cache.get(key, failing));
    kit.await(failing.started, rule, "the failing loader to start");
    java.util.concurrent.atomic.AtomicReference<Thread> waiter = new java.util.concurrent.atomic.AtomicReference<>();
    Future<String> second = kit.submit(() -> {
      waiter.set(Thread.currentThread());
      return cache.get(key, k -> "second");
    });
    kit.awaitParkedOrDone(waiter::get, second, rule, "a second get of the key to wait for the first load");
    failing.gate.countDown();
    Outcome<String> thrown = kit.outcome(first, rule, "the get whose loader failed to return");
    kit.check(thrown.failure() == failure, rule, "the loader's own " + failure + " from get", thrown);
    Outcome<String> waited = kit.outcome(second, rule, "a get that waited for a failed load to return (a waiter left hanging)");
    kit.check(waited.failure() == failure || (!waited.failed() && "second".equals(waited.value())), rule,
        "the failed load's " + failure + " or the waiter's own value, for the caller that waited on it", waited);
    String held = cache.getIfPresent(key);
    kit.check(held == null || (!waited.failed() && "second".equals(held)), rule, "nothing of the failed load cached", key + " = " + held);
    cache.invalidate(key);
    Outcome<String> again = ConformanceKitAccess.outcomeOf(() -> cache.get(key, k -> "again"));
    kit.check(!again.failed() && "again".equals(again.value()), rule, "the next get to load again", again);
    if (stats) {
      CacheStats after = cache.stats();
      long failures = after.loadFailureCount() - before.loadFailureCount();
      long successes = after.loadSuccessCount() - before.loadSuccessCount();
      long secondLoads = waited.failed() ? 0 : 1;
      kit.check(failures == 1 && successes == secondLoads + 1, rule,
          "exactly 1 load failure and " + (secondLoads + 1) + " load successes counted", before + " then " + after);
    }
  }

  /** Bridges to the kit's protected static helper. */
  static final class ConformanceKitAccess {
    private ConformanceKitAccess() {}

    static <T> Outcome<T> outcomeOf(java.util.concurrent.Callable<T> action) {
      return CacheTck.outcomeOfForHelpers(action);
    }
  }

  static Set<Thread.State> parked() {
    return Set.of(Thread.State.WAITING, Thread.State.BLOCKED, Thread.State.TIMED_WAITING);
  }
}
