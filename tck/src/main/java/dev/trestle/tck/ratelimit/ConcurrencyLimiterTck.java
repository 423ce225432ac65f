package dev.trestle.tck.ratelimit;

import dev.trestle.core.ManualTicker;
import dev.trestle.ratelimit.ConcurrencyLimiter;
import dev.trestle.ratelimit.ConcurrencyLimiter.Listener;
import dev.trestle.ratelimit.ConcurrencyLimiterMetrics;
import dev.trestle.ratelimit.LimitExceededException;
import dev.trestle.tck.ConformanceKit;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link ConcurrencyLimiter}: the rules {@code CONCURRENCY-*} of
 * {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh limiter built to the {@link ConcurrencyLimiterSpec}
 * from {@link #newLimiter}, and declare your capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyLimiterConformanceTest extends ConcurrencyLimiterTck {
 *   protected ConcurrencyLimiter newLimiter(ConcurrencyLimiterSpec spec) { return MyLimiters.create(spec); }
 *   protected Set<ConcurrencyLimiterFeature> features() { return EnumSet.allOf(ConcurrencyLimiterFeature.class); }
 * }
 * }</pre>
 *
 * <p>The limiter must measure round trips on the spec's {@link ManualTicker}: the kit admits calls,
 * advances the ticker by the round trip it wants, and completes them with {@code onSuccess()}. It
 * tells that an acquire is waiting from its thread's state ({@code WAITING} or
 * {@code TIMED_WAITING}). Each test creates its own limiter.
 */
public abstract class ConcurrencyLimiterTck extends ConformanceKit<ConcurrencyLimiterFeature> {

  private static final int STRESS_THREADS = 8;
  private static final int STRESS_CALLS = 400;
  private static final Duration WAIT = Duration.ofSeconds(1);
  /** Real time a wrongly released waiter is given to return; a correct one is never affected by it. */
  private static final Duration EARLY_GRACE = Duration.ofMillis(200);

  private ManualTicker ticker;
  private ExecutorService callers;
  private final List<Listener> held = new CopyOnWriteArrayList<>();

  /** Returns a new limiter built to {@code spec}. */
  protected abstract ConcurrencyLimiter newLimiter(ConcurrencyLimiterSpec spec);

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker();
    callers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "tck-caller");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterEach
  void stopKit() {
    held.forEach(Listener::onIgnore);
    if (callers != null) {
      callers.shutdownNow();
    }
  }

  @Override
  protected Object sampleImplementation() {
    return newLimiter(spec(4, 1, 8));
  }

  private ConcurrencyLimiterSpec spec(int initial, int min, int max) {
    return new ConcurrencyLimiterSpec(initial, min, max, Duration.ZERO, false, Map.of(), ticker);
  }

  private ConcurrencyLimiterSpec waiting(int limit, boolean lifo) {
    return new ConcurrencyLimiterSpec(limit, limit, limit, WAIT, lifo, Map.of(), ticker);
  }

  // ---- 1. Admission ----

  @Test
  @DisplayName("CONCURRENCY-1.1 under stress never more calls in flight than the limit")
  void neverMoreInFlightThanTheLimit() {
    int limit = 4;
    ConcurrencyLimiter limiter = newLimiter(spec(limit, limit, limit));
    // First, rounds in which every thread acquires while nobody completes: at most the limit may be
    // admitted, whatever the interleaving, so an off-by-one is caught every time, not only when the
    // stress below happens to fill the limit.
    for (int round = 0; round < 5; round++) {
      List<Listener> held = acquireAtOnce(limiter, "CONCURRENCY-1.1");
      expect(held.size() <= limit, "CONCURRENCY-1.1", "at most " + limit + " of " + STRESS_THREADS
          + " threads acquiring at once admitted (round " + round + ")", held.size() + " admitted");
      held.forEach(Listener::onIgnore);
    }
    Stress stress = stress(limiter, "CONCURRENCY-1.1");
    expect(stress.maxSeen.get() <= limit, "CONCURRENCY-1.1", "at most " + limit + " calls in flight at once",
        stress.maxSeen.get() + " at once");
    expect(stress.admitted.get() > 0, "CONCURRENCY-1.1", "some calls admitted", "none");
    expectEqual("CONCURRENCY-1.1", "no call in flight afterwards", 0, limiter.inflight());
  }

  @Test
  @DisplayName("CONCURRENCY-1.2 exactly the limit is admitted at once, the next call is refused, and a completion frees one slot")
  void admitsExactlyTheLimit() {
    ConcurrencyLimiter limiter = newLimiter(spec(5, 1, 10));
    List<Listener> first = takeAll(limiter, 20);
    expectEqual("CONCURRENCY-1.2", "calls admitted before the first refusal (the initial limit)", 5, first.size());
    expectEqual("CONCURRENCY-1.2", "calls in flight", 5, limiter.inflight());
    first.remove(0).onIgnore();
    List<Listener> second = takeAll(limiter, 20);
    expectEqual("CONCURRENCY-1.2", "calls admitted after one completion", 1, second.size());
  }

  @Test
  @DisplayName("CONCURRENCY-1.3 completing a call twice (or three ways) frees one slot and counts once")
  void completionIsIdempotent() {
    ConcurrencyLimiter limiter = newLimiter(spec(3, 1, 10));
    List<Listener> calls = takeAll(limiter, 10);
    expectEqual("CONCURRENCY-1.3", "calls admitted", 3, calls.size());
    Listener twice = calls.get(0);
    ticker.advance(1, TimeUnit.MILLISECONDS);
    twice.onSuccess();
    twice.onSuccess();
    twice.onDropped();
    twice.onIgnore();
    expectEqual("CONCURRENCY-1.3", "calls in flight after one call was completed four times", 2, limiter.inflight());
    List<Listener> more = takeAll(limiter, 10);
    expectEqual("CONCURRENCY-1.3", "calls admitted after it (one slot freed)", 1, more.size());
    ConcurrencyLimiterMetrics metrics = limiter.metrics();
    expect(metrics.succeeded() == 1 && metrics.dropped() == 0 && metrics.ignored() == 0, "CONCURRENCY-1.3",
        "counted once, as a success", metrics);
  }

  // ---- 2. Adaptation ----

  @Test
  @DisplayName("CONCURRENCY-2.1 the limit moves down under drops, not below its minimum")
  void theLimitFallsUnderDrops() {
    requireFeature(ConcurrencyLimiterFeature.ADAPTIVE);
    ConcurrencyLimiter limiter = newLimiter(spec(20, 2, 100));
    int before = limiter.limit();
    for (int round = 0; round < 10; round++) {
      List<Listener> calls = takeAll(limiter, 200);
      ticker.advance(10, TimeUnit.MILLISECONDS);
      calls.forEach(Listener::onDropped);
      expectBounds(limiter, 2, 100, "CONCURRENCY-2.1", "after round " + round + " of drops");
    }
    expect(limiter.limit() <= before / 2, "CONCURRENCY-2.1", "the limit at most half its initial " + before
        + " after 10 rounds in which every call was dropped", limiter.limit());
  }

  @Test
  @DisplayName("CONCURRENCY-2.2 the limit moves down within 10 rounds when round trips rise tenfold")
  void theLimitFallsUnderRisingLatency() {
    requireFeature(ConcurrencyLimiterFeature.LATENCY);
    ConcurrencyLimiter limiter = newLimiter(spec(20, 1, 200));
    rounds(limiter, 30, 10);
    int warm = limiter.limit();
    int lowest = warm;
    for (int round = 0; round < 10; round++) {
      rounds(limiter, 1, 100);
      lowest = Math.min(lowest, limiter.limit());
      expectBounds(limiter, 1, 200, "CONCURRENCY-2.2", "after round " + round + " at 100 ms");
    }
    expect(lowest < warm, "CONCURRENCY-2.2", "the limit below " + warm
        + " (its value after 30 rounds at 10 ms) within 10 rounds at 100 ms", "never below it");
  }

  @Test
  @DisplayName("CONCURRENCY-2.3 the limit moves up while calls succeed at a steady round trip using all of it, not above its maximum")
  void theLimitRisesUnderHeadroom() {
    requireFeature(ConcurrencyLimiterFeature.ADAPTIVE);
    ConcurrencyLimiter limiter = newLimiter(spec(10, 1, 100));
    for (int round = 0; round < 20; round++) {
      rounds(limiter, 1, 10);
      expectBounds(limiter, 1, 100, "CONCURRENCY-2.3", "after round " + round);
    }
    expect(limiter.limit() > 10, "CONCURRENCY-2.3", "the limit above its initial 10 after 20 rounds of successes at 10 ms",
        limiter.limit());
  }

  @Test
  @DisplayName("CONCURRENCY-2.4 the limit stays within its bounds whatever the calls report (0 ns, 1 ns, an hour, drops)")
  void theLimitStaysWithinItsBounds() {
    requireFeature(ConcurrencyLimiterFeature.ADAPTIVE);
    ConcurrencyLimiter limiter = newLimiter(spec(10, 3, 50));
    SplittableRandom random = new SplittableRandom(19);
    long[] rtts = {0, 1, TimeUnit.HOURS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(5)};
    for (int round = 0; round < 200; round++) {
      List<Listener> calls = takeAll(limiter, 100);
      long rtt = rtts[random.nextInt(rtts.length)];
      ticker.advance(rtt, TimeUnit.NANOSECONDS);
      boolean drop = random.nextInt(5) == 0;
      for (Listener call : calls) {
        if (drop) {
          call.onDropped();
        } else {
          call.onSuccess();
        }
      }
      expectBounds(limiter, 3, 50, "CONCURRENCY-2.4", "after round " + round + " (round trip " + rtt + " ns"
          + (drop ? ", dropped)" : ")"));
    }
  }

  // ---- 3. No slot lost ----

  @Test
  @DisplayName("CONCURRENCY-3.1 call() frees its slot however the task ends, and its value or exception reaches the caller unchanged")
  void callFreesItsSlotHoweverTheTaskEnds() {
    ConcurrencyLimiter limiter = newLimiter(spec(2, 2, 2));
    Object value = new Object();
    Outcome<Object> returned = outcomeOf(() -> limiter.call(() -> {
      ticker.advance(1, TimeUnit.MILLISECONDS);
      return value;
    }));
    expect(returned.value() == value, "CONCURRENCY-3.1", "the task's value, the same instance", returned);
    Throwable[] failures = {new IOException("checked"), new IllegalStateException("unchecked"), new TimeoutException("dropped"),
        new AssertionError("error")};
    for (Throwable failure : failures) {
      Outcome<Object> outcome = outcomeOf(() -> limiter.call(() -> {
        ticker.advance(1, TimeUnit.MILLISECONDS);
        throwUnchecked(failure);
        return null;
      }));
      expect(outcome.failure() == failure, "CONCURRENCY-3.1", "the task's " + failure + " unchanged", outcome);
      expectEqual("CONCURRENCY-3.1", "no call in flight after a task threw " + failure, 0, limiter.inflight());
    }
    expectEqual("CONCURRENCY-3.1", "the full limit admitted afterwards", 2, takeAll(limiter, 10).size());
    Outcome<Object> refused = outcomeOf(() -> limiter.call(() -> value));
    expect(refused.failure() instanceof LimitExceededException, "CONCURRENCY-3.1",
        "LimitExceededException when the limit is in flight", refused);
  }

  @Test
  @DisplayName("CONCURRENCY-3.2 an acquire interrupted while it waits takes no slot, returns empty and keeps the interrupt status")
  void anInterruptedWaitTakesNoSlot() {
    requireFeature(ConcurrencyLimiterFeature.WAITING);
    ConcurrencyLimiter limiter = newLimiter(waiting(1, false));
    List<Listener> holder = takeAll(limiter, 1);
    Waiter waiter = waiter(limiter, "CONCURRENCY-3.2");
    waiter.thread.interrupt();
    Outcome<Optional<Listener>> outcome = awaitOutcome(waiter.result, "CONCURRENCY-3.2", "the interrupted acquire to return");
    expect(outcome.value() != null && outcome.value().isEmpty() && waiter.interruptedAfter.get() == 1, "CONCURRENCY-3.2",
        "empty, with the interrupt status still set", outcome + (waiter.interruptedAfter.get() == 1 ? "" : ", status cleared"));
    expectEqual("CONCURRENCY-3.2", "calls in flight (only the holder)", 1, limiter.inflight());
    ticker.advance(1, TimeUnit.MILLISECONDS);
    holder.get(0).onSuccess();
    expectEqual("CONCURRENCY-3.2", "calls admitted once the holder completed", 1, takeAll(limiter, 1).size());
    expectEqual("CONCURRENCY-3.2", "the interrupted acquire counted as rejected", 1L, limiter.metrics().rejected());
  }

  // ---- 4. Counts ----

  @Test
  @DisplayName("CONCURRENCY-4.1 the counters are exact after a seeded script of acquires and completions of every kind")
  void countersAreExact() {
    ConcurrencyLimiter limiter = newLimiter(spec(6, 6, 6));
    SplittableRandom random = new SplittableRandom(7);
    List<Listener> open = new ArrayList<>();
    long accepted = 0;
    long rejected = 0;
    long[] completed = new long[3];
    for (int step = 0; step < 300; step++) {
      if (open.isEmpty() || random.nextBoolean()) {
        Optional<Listener> call = limiter.acquire();
        if (call.isPresent()) {
          accepted++;
          open.add(call.get());
        } else {
          rejected++;
        }
      } else {
        ticker.advance(1, TimeUnit.MICROSECONDS);
        Listener call = open.remove(random.nextInt(open.size()));
        int kind = random.nextInt(3);
        completed[kind]++;
        complete(call, kind);
      }
    }
    ConcurrencyLimiterMetrics metrics = limiter.metrics();
    String expected = "accepted=" + accepted + ", rejected=" + rejected + ", succeeded=" + completed[0] + ", dropped="
        + completed[1] + ", ignored=" + completed[2] + ", inflight=" + open.size();
    expect(metrics.accepted() == accepted && metrics.rejected() == rejected && metrics.succeeded() == completed[0]
            && metrics.dropped() == completed[1] && metrics.ignored() == completed[2] && metrics.inflight() == open.size()
            && limiter.inflight() == open.size(),
        "CONCURRENCY-4.1", expected, metrics);
  }

  @Test
  @DisplayName("CONCURRENCY-4.2 the counters are exact after 8 threads race")
  void countersAreExactUnderConcurrency() {
    ConcurrencyLimiter limiter = newLimiter(spec(4, 4, 4));
    Stress stress = stress(limiter, "CONCURRENCY-4.2");
    ConcurrencyLimiterMetrics metrics = limiter.metrics();
    String expected = "accepted=" + stress.admitted + ", rejected=" + stress.refused + ", succeeded=" + stress.kinds[0]
        + ", dropped=" + stress.kinds[1] + ", ignored=" + stress.kinds[2] + ", inflight=0";
    expect(metrics.accepted() == stress.admitted.get() && metrics.rejected() == stress.refused.get()
            && metrics.succeeded() == stress.kinds[0].get() && metrics.dropped() == stress.kinds[1].get()
            && metrics.ignored() == stress.kinds[2].get() && metrics.inflight() == 0,
        "CONCURRENCY-4.2", expected, metrics);
  }

  // ---- 5. Waiting and partitions ----

  @Test
  @DisplayName("CONCURRENCY-5.1 a waiting acquire gets the slot a completion frees, and one not served is refused exactly at maxWait")
  void aWaiterIsServedOrRefusedAtMaxWait() {
    requireFeature(ConcurrencyLimiterFeature.WAITING);
    ConcurrencyLimiter limiter = newLimiter(waiting(1, false));
    Listener holder = takeAll(limiter, 1).get(0);
    Waiter served = waiter(limiter, "CONCURRENCY-5.1");
    ticker.advance(WAIT.minusNanos(1));
    holder.onSuccess();
    Outcome<Optional<Listener>> got = awaitOutcome(served.result, "CONCURRENCY-5.1", "the waiter to be served");
    expect(got.value() != null && got.value().isPresent(), "CONCURRENCY-5.1",
        "the waiter admitted by the completion 1 ns before its maxWait", got);
    Waiter refused = waiter(limiter, "CONCURRENCY-5.1");
    ticker.advance(WAIT.minusNanos(1));
    // Give a waiter that was (wrongly) released time to return: a correct one keeps waiting whatever the grace.
    try {
      Optional<Listener> early = refused.result.get(EARLY_GRACE.toMillis(), TimeUnit.MILLISECONDS);
      throw violation("CONCURRENCY-5.1", "a waiter still waiting 1 ns before maxWait", "it returned " + early);
    } catch (TimeoutException stillWaiting) {
      // as required
    } catch (java.util.concurrent.ExecutionException failed) {
      throw violation("CONCURRENCY-5.1", "a waiter still waiting 1 ns before maxWait", "it threw " + failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the kit was interrupted", interrupted);
    }
    ticker.advance(1, TimeUnit.NANOSECONDS);
    Outcome<Optional<Listener>> late = awaitOutcome(refused.result, "CONCURRENCY-5.1", "the waiter to be refused at maxWait");
    expect(late.value() != null && late.value().isEmpty(), "CONCURRENCY-5.1", "empty at maxWait", late);
    got.value().get().onSuccess();
    expectEqual("CONCURRENCY-5.1", "calls in flight at the end", 0, limiter.inflight());
  }

  @Test
  @DisplayName("CONCURRENCY-5.2 waiters are served in arrival order, or newest first with lifo")
  void waitersAreServedInOrder() {
    requireFeature(ConcurrencyLimiterFeature.WAITING);
    boolean[] orders = declares(ConcurrencyLimiterFeature.LIFO) ? new boolean[] {false, true} : new boolean[] {false};
    for (boolean lifo : orders) {
      ConcurrencyLimiter limiter = newLimiter(waiting(1, lifo));
      Listener holder = takeAll(limiter, 1).get(0);
      List<Waiter> waiters = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        waiters.add(waiter(limiter, "CONCURRENCY-5.2"));
      }
      List<Integer> served = new ArrayList<>();
      Listener current = holder;
      for (int n = 0; n < waiters.size(); n++) {
        current.onSuccess();
        current = null;
        long deadline = System.nanoTime() + hangGuard().toNanos();
        while (current == null && System.nanoTime() < deadline) {
          for (int i = 0; i < waiters.size(); i++) {
            if (!served.contains(i) && waiters.get(i).result.isDone()) {
              Optional<Listener> call = outcomeNow(waiters.get(i).result).value();
              expect(call != null && call.isPresent(), "CONCURRENCY-5.2", "waiter " + i + " admitted", call);
              served.add(i);
              current = call.get();
            }
          }
          Thread.onSpinWait();
        }
        expect(current != null, "CONCURRENCY-5.2", "a waiter served by the completion", "none after " + hangGuard());
      }
      List<Integer> expected = lifo ? List.of(3, 2, 1, 0) : List.of(0, 1, 2, 3);
      expectEqual("CONCURRENCY-5.2", (lifo ? "newest first" : "arrival order") + " of waiters 0..3", expected, served);
      current.onSuccess();
    }
  }

  @Test
  @DisplayName("CONCURRENCY-5.3 a partition's share is reserved for it, other calls use only what is not reserved, and the total stays within the limit")
  void partitionsReserveTheirShare() {
    requireFeature(ConcurrencyLimiterFeature.PARTITIONS);
    ConcurrencyLimiter limiter = newLimiter(new ConcurrencyLimiterSpec(10, 10, 10, Duration.ZERO, false,
        Map.of("a", 0.5, "b", 0.3), ticker));
    List<Listener> a = takeAll(limiter, "a", 20);
    expectEqual("CONCURRENCY-5.3", "calls of 'a' (share 0.5 of 10) admitted while 'b' (0.3) is idle: its 5 and the 2 "
        + "nobody reserves", 7, a.size());
    List<Listener> b = takeAll(limiter, "b", 20);
    expectEqual("CONCURRENCY-5.3", "calls of 'b' admitted after: its reserved 3", 3, b.size());
    expectEqual("CONCURRENCY-5.3", "calls without a partition admitted at the limit", 0, takeAll(limiter, 5).size());
    a.remove(0).onSuccess();
    b.remove(0).onSuccess();
    expectEqual("CONCURRENCY-5.3", "calls without a partition admitted with 'b' below its share (its slot stays reserved)",
        1, takeAll(limiter, 5).size());
    expectEqual("CONCURRENCY-5.3", "calls of 'b' admitted into its reserved slot", 1, takeAll(limiter, "b", 5).size());
    expectEqual("CONCURRENCY-5.3", "calls in flight", 10, limiter.inflight());
    Outcome<Optional<Listener>> unknown = outcomeOf(() -> limiter.acquire("no-such-partition"));
    expect(unknown.failure() instanceof IllegalArgumentException, "CONCURRENCY-5.3",
        "IllegalArgumentException for an unknown partition", unknown);
  }

  // ---- helpers ----

  private static void throwUnchecked(Throwable failure) {
    ConcurrencyLimiterTck.<RuntimeException>sneaky(failure);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneaky(Throwable failure) throws E {
    throw (E) failure;
  }

  private static void complete(Listener call, int kind) {
    switch (kind) {
      case 0:
        call.onSuccess();
        break;
      case 1:
        call.onDropped();
        break;
      default:
        call.onIgnore();
        break;
    }
  }

  private void expectBounds(ConcurrencyLimiter limiter, int min, int max, String rule, String when) {
    int limit = limiter.limit();
    expect(limit >= min && limit <= max, rule, "a limit within [" + min + ", " + max + "] " + when, limit);
  }

  /** Acquires until refused (at most {@code max}); the listeners are completed after the test if it fails. */
  private List<Listener> takeAll(ConcurrencyLimiter limiter, int max) {
    return takeAll(limiter, null, max);
  }

  private List<Listener> takeAll(ConcurrencyLimiter limiter, String partition, int max) {
    List<Listener> taken = new ArrayList<>();
    for (int i = 0; i < max; i++) {
      Optional<Listener> call = partition == null ? limiter.acquire() : limiter.acquire(partition);
      if (call.isEmpty()) {
        break;
      }
      taken.add(call.get());
    }
    return taken;
  }

  /** Rounds in which the limit is filled, the ticker advances {@code rttMillis} and every call succeeds. */
  private void rounds(ConcurrencyLimiter limiter, int rounds, long rttMillis) {
    for (int round = 0; round < rounds; round++) {
      List<Listener> calls = takeAll(limiter, 1000);
      ticker.advance(rttMillis, TimeUnit.MILLISECONDS);
      calls.forEach(Listener::onSuccess);
    }
  }

  private static final class Stress {
    final AtomicInteger maxSeen = new AtomicInteger();
    final AtomicLong admitted = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong[] kinds = {new AtomicLong(), new AtomicLong(), new AtomicLong()};
  }

  /** {@value #STRESS_THREADS} threads x {@value #STRESS_CALLS} acquires at a frozen ticker, each call completed one of three ways. */
  /** Has every stress thread acquire once, at the same time, and returns the calls admitted, none completed. */
  private List<Listener> acquireAtOnce(ConcurrencyLimiter limiter, String rule) {
    CyclicBarrier go = new CyclicBarrier(STRESS_THREADS);
    List<Future<Optional<Listener>>> threads = new ArrayList<>();
    for (int t = 0; t < STRESS_THREADS; t++) {
      threads.add(callers.submit(() -> {
        go.await();
        return limiter.acquire();
      }));
    }
    List<Listener> held = new ArrayList<>();
    for (Future<Optional<Listener>> thread : threads) {
      Outcome<Optional<Listener>> outcome = awaitOutcome(thread, rule, "an acquire with nothing to wait for");
      expect(outcome.failure() == null, rule, "no exception from acquire", outcome.failure());
      outcome.value().ifPresent(held::add);
    }
    return held;
  }

  private Stress stress(ConcurrencyLimiter limiter, String rule) {
    Stress stress = new Stress();
    AtomicInteger inFlight = new AtomicInteger();
    Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    CyclicBarrier go = new CyclicBarrier(STRESS_THREADS);
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < STRESS_THREADS; t++) {
      int seed = t;
      threads.add(callers.submit(() -> {
        SplittableRandom random = new SplittableRandom(seed);
        go.await();
        for (int i = 0; i < STRESS_CALLS; i++) {
          try {
            Optional<Listener> call = limiter.acquire();
            if (call.isEmpty()) {
              stress.refused.incrementAndGet();
              continue;
            }
            stress.admitted.incrementAndGet();
            stress.maxSeen.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.yield();
            inFlight.decrementAndGet();
            ticker.advance(1, TimeUnit.MICROSECONDS); // a round trip of at least 1 us: 0 ns is rule 2.4's case alone
            int kind = random.nextInt(3);
            stress.kinds[kind].incrementAndGet();
            complete(call.get(), kind);
          } catch (Throwable other) {
            unexpected.add(other);
          }
        }
        return null;
      }));
    }
    for (Future<?> thread : threads) {
      awaitOutcome(thread, rule, "the stress threads to finish");
    }
    expect(unexpected.isEmpty(), rule, "no exception from acquire or completion", unexpected.peek());
    expectEqual(rule, "acquires admitted or refused", (long) STRESS_THREADS * STRESS_CALLS,
        stress.admitted.get() + stress.refused.get());
    return stress;
  }

  private static final class Waiter {
    final Future<Optional<Listener>> result;
    final Thread thread;
    final AtomicInteger interruptedAfter;

    Waiter(Future<Optional<Listener>> result, Thread thread, AtomicInteger interruptedAfter) {
      this.result = result;
      this.thread = thread;
      this.interruptedAfter = interruptedAfter;
    }
  }

  /** Starts an acquire on a kit thread and returns once that thread is parked in it. */
  private Waiter waiter(ConcurrencyLimiter limiter, String rule) {
    AtomicInteger interruptedAfter = new AtomicInteger(-1);
    java.util.concurrent.atomic.AtomicReference<Thread> thread = new java.util.concurrent.atomic.AtomicReference<>();
    Future<Optional<Listener>> result = callers.submit(() -> {
      thread.set(Thread.currentThread());
      Optional<Listener> call = limiter.acquire();
      interruptedAfter.set(Thread.interrupted() ? 1 : 0);
      call.ifPresent(held::add);
      return call;
    });
    long deadline = System.nanoTime() + hangGuard().toNanos();
    while (true) {
      Thread t = thread.get();
      if (t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
        return new Waiter(result, t, interruptedAfter);
      }
      if (result.isDone()) {
        throw violation(rule, "the acquire to wait (the limit is in flight and maxWait is " + WAIT + ")",
            "it returned " + outcomeNow(result));
      }
      if (System.nanoTime() > deadline) {
        throw violation(rule, "the acquire to park while it waits", "not parked after " + hangGuard());
      }
      Thread.onSpinWait();
    }
  }

  private <T> Outcome<T> outcomeNow(Future<T> future) {
    return awaitOutcome(future, "kit", "a finished future");
  }
}
