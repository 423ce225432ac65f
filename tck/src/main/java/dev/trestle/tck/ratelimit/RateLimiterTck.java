package dev.trestle.tck.ratelimit;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.Ticker;
import dev.trestle.ratelimit.RateLimitDecision;
import dev.trestle.ratelimit.RateLimiter;
import dev.trestle.ratelimit.Sleeper;
import dev.trestle.tck.ConformanceKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link RateLimiter}: the rules {@code RATE-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh limiter built to the {@link RateLimiterSpec} from
 * {@link #newLimiter}, name the contract it claims in {@link #contract()} and declare its
 * capabilities in {@link #features()}:
 *
 * <pre>{@code
 * class MyLimiterConformanceTest extends RateLimiterTck {
 *   protected RateLimiter newLimiter(RateLimiterSpec spec) {
 *     return MyLimiter.tokenBucket(spec.burst(), spec.permits(), spec.period(), spec.ticker(), spec.sleeper());
 *   }
 *   protected RateContract contract() { return RateContract.TOKEN_BUCKET; }
 *   protected Set<RateLimiterFeature> features() { return EnumSet.allOf(RateLimiterFeature.class); }
 * }
 * }</pre>
 *
 * <p>A limiter that declares {@link RateLimiterFeature#MANUAL_TICKER} is checked at exact instants
 * on the kit's ticker: it is frozen while threads race and moved by the nanosecond around every
 * instant the contract names. The window rule drives a seeded, adversarial trace (bursts just
 * before and at window boundaries, idle gaps, requests of several permits) and checks every window
 * of the record. One that does not declare it (a limiter on a server's clock) runs only the rules
 * that hold on a real clock, with generous bounds.
 */
public abstract class RateLimiterTck extends ConformanceKit<RateLimiterFeature> {

  private static final long SEED = 20261202L;
  /** The rate of most rules: 10 per second, burst 4 for bucket contracts. */
  private static final long L = 10;
  private static final Duration T = Duration.ofSeconds(1);
  private static final long B = 4;
  private static final int THREADS = 8;

  private ManualTicker ticker;
  private List<Long> sleeps;
  private AtomicBoolean interruptNextSleep;
  private Sleeper sleeper;
  private ExecutorService threads;

  /** Returns a new limiter built to {@code spec}; must throw IllegalArgumentException for an invalid rate. */
  protected abstract RateLimiter newLimiter(RateLimiterSpec spec);

  /** Returns the admission contract the limiter claims. */
  protected abstract RateContract contract();

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker(1_000_000_000L);
    sleeps = java.util.Collections.synchronizedList(new ArrayList<>());
    interruptNextSleep = new AtomicBoolean();
    ManualTicker clock = ticker;
    List<Long> seen = sleeps;
    AtomicBoolean interrupt = interruptNextSleep;
    sleeper = nanos -> {
      if (Thread.interrupted() || interrupt.getAndSet(false)) {
        throw new InterruptedException("interrupted while sleeping " + nanos + " ns");
      }
      seen.add(nanos);
      clock.advance(nanos, TimeUnit.NANOSECONDS);
    };
    threads = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, "tck-ratelimit");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterEach
  void stopKit() {
    if (threads != null) {
      threads.shutdownNow();
    }
  }

  private RateLimiterSpec spec(long permits, Duration period, long burst) {
    return new RateLimiterSpec(permits, period, contract().isBucket() ? burst : permits, ticker, sleeper);
  }

  private RateLimiter create(long permits, Duration period, long burst) {
    return implementation(newLimiter(spec(permits, period, burst)));
  }

  @Override
  protected Object sampleImplementation() {
    return newLimiter(spec(10, T, 10));
  }

  private RateLimiter standard() {
    return create(L, T, B);
  }

  /** Permits a fresh limiter admits at a frozen clock: B for buckets, one request for the shaper, L for windows. */
  private long firstBurst(long permits, long burst) {
    return contract().isBucket() ? burst : contract() == RateContract.SHAPER ? 1 : permits;
  }

  private static long drain(RateLimiter limiter, long cap) {
    long n = 0;
    while (n < cap && limiter.tryAcquire()) {
      n++;
    }
    return n;
  }

  private void advance(long nanos) {
    ticker.advance(nanos, TimeUnit.NANOSECONDS);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  // ---- 1. What any window may hold ----

  @Test
  @DisplayName("RATE-1.1 on an adversarial trace no window ever holds more permits than the contract allows")
  void neverMoreThanTheContractAllows() {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    long periodNanos = T.toNanos();
    long created = ticker.read();
    RateLimiter limiter = standard();
    long maxPermits = spec(L, T, B).maxPermits(contract());
    SplittableRandom random = new SplittableRandom(SEED);
    Admissions admissions = new Admissions();
    for (int step = 0; step < 2_000; step++) {
      long now = ticker.read();
      switch (random.nextInt(5)) {
        case 0: // to 1 ns before the next aligned boundary: the fixed window's weak spot
          advance(created + (Math.floorDiv(now - created, periodNanos) + 1) * periodNanos - 1 - now);
          break;
        case 1:
          advance(1);
          break;
        case 2:
          advance(random.nextLong(periodNanos / (4 * L)));
          break;
        case 3:
          advance(random.nextLong(periodNanos));
          break;
        default:
          break;
      }
      int requests = 1 + random.nextInt((int) (2 * L));
      for (int r = 0; r < requests; r++) {
        long permits = random.nextInt(4) == 0 ? 1 + random.nextLong(maxPermits) : 1;
        if (limiter.tryAcquire(permits)) {
          admissions.add(ticker.read(), permits);
        }
      }
    }
    String violation = admissions.violation(contract(), L, periodNanos, B, created);
    expect(violation == null, "RATE-1.1", "no window over the " + contract() + " bound", violation);
    expect(admissions.total() > 0, "RATE-1.1", "some admissions", "none in 2000 steps");
  }

  @Test
  @DisplayName("RATE-1.2 on the real clock, 4 threads hammering for 300 ms get no more than the contract allows over the elapsed time plus 50 ms, and at least the first burst")
  void realClockBound() throws Exception {
    long permits = 20;
    Duration period = Duration.ofMillis(100);
    long burst = 10;
    // Every admission happens after this instant: the bound is over the time from here to the end,
    // so a main thread that the scheduler runs late (after the workers began) cannot shrink it.
    long created = System.nanoTime();
    RateLimiter limiter = newLimiter(new RateLimiterSpec(permits, period, contract().isBucket() ? burst : permits,
        Ticker.system(), Sleeper.system()));
    AtomicLong admitted = new AtomicLong();
    // The 300 ms start once every worker runs: on a loaded machine a thread can start late, and the
    // lower bound (the first burst) must not depend on when the scheduler got round to it.
    java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(4);
    AtomicLong endAt = new AtomicLong(Long.MAX_VALUE);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      workers.add(threads.submit(() -> {
        running.countDown();
        running.await();
        while (System.nanoTime() < endAt.get()) {
          if (limiter.tryAcquire()) {
            admitted.incrementAndGet();
          }
        }
        return null;
      }));
    }
    if (!running.await(hangGuard().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      throw new AssertionError("RATE-1.2: the 4 hammering threads did not start within " + hangGuard().toSeconds() + " s");
    }
    long start = System.nanoTime();
    endAt.set(start + Duration.ofMillis(300).toNanos());
    for (Future<?> worker : workers) {
      awaitOutcome(worker, "RATE-1.2", "the hammering threads to stop");
    }
    long elapsed = System.nanoTime() - created + Duration.ofMillis(50).toNanos();
    long p = period.toNanos();
    long bound;
    switch (contract()) {
      case TOKEN_BUCKET:
        bound = burst + elapsed * permits / p;
        break;
      case SHAPER:
        bound = 1 + elapsed * permits / p;
        break;
      case SLIDING_WINDOW:
        bound = permits * ceilDiv(elapsed, p);
        break;
      default:
        bound = permits * (ceilDiv(elapsed, p) + 1);
        break;
    }
    long got = admitted.get();
    expect(got <= bound, "RATE-1.2", "at most " + bound + " permits in " + elapsed / 1_000_000 + " ms", got);
    expect(got >= firstBurst(permits, burst), "RATE-1.2", "at least the first burst " + firstBurst(permits, burst), got);
  }

  // ---- 2. Bursts and refill, exactly ----

  @Test
  @DisplayName("RATE-2.1 a fresh limiter at a frozen clock admits exactly its first burst (B for a bucket, one request for a shaper, L for a window), then refuses")
  void firstBurstIsExact() {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    RateLimiter limiter = standard();
    expectEqual("RATE-2.1", "permits admitted at a frozen clock", firstBurst(L, B), drain(limiter, 100 * L));
    advance(0);
    expect(!limiter.tryAcquire(), "RATE-2.1", "a refusal once the burst is spent", "an admission");
  }

  @Test
  @DisplayName("RATE-2.2 after the burst, permits come back exactly on time: at 3 per second the k-th permit of a bucket is refused 1 ns before ceil(k x T/L) and admitted at it (a shaper: ceil(T/L) after the previous one); a window admits its limit again exactly when its window has passed")
  void refillIsExact() {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    long permits = 3;
    long burst = 2;
    long periodNanos = T.toNanos();
    long created = ticker.read();
    RateLimiter limiter = create(permits, T, burst);
    long first = drain(limiter, 100);
    expectEqual("RATE-2.2", "first burst", firstBurst(permits, burst), first);
    if (contract().isBucket() || contract() == RateContract.SHAPER) {
      long due = created;
      for (long k = 1; k <= 3 * permits; k++) {
        // A bucket keeps the fractions of a nanosecond; a shaper spaces from the last admission.
        due = contract().isBucket() ? created + ceilDiv(k * periodNanos, permits) : due + ceilDiv(periodNanos, permits);
        advance(due - 1 - ticker.read());
        expect(!limiter.tryAcquire(), "RATE-2.2", "permit " + k + " refused 1 ns before " + (due - created) + " ns", "admitted");
        advance(1);
        expect(limiter.tryAcquire(), "RATE-2.2", "permit " + k + " admitted at " + (due - created) + " ns", "refused");
        expect(!limiter.tryAcquire(), "RATE-2.2", "only one permit at " + (due - created) + " ns", "two");
      }
      advance(10 * periodNanos);
      expectEqual("RATE-2.2", "permits after a long pause (the burst, no more)", firstBurst(permits, burst), drain(limiter, 100));
    } else {
      long next = contract() == RateContract.APPROXIMATE_WINDOW ? created + 2 * periodNanos : created + periodNanos;
      if (contract() != RateContract.APPROXIMATE_WINDOW) { // an estimate admits some permits earlier
        advance(next - 1 - ticker.read());
        expect(!limiter.tryAcquire(), "RATE-2.2", "a refusal 1 ns before " + (next - created) + " ns", "an admission");
      }
      advance(next - ticker.read());
      expectEqual("RATE-2.2", "permits at " + (next - created) + " ns", permits, drain(limiter, 100));
      if (contract() == RateContract.SLIDING_WINDOW) {
        // Spread: one permit at t, the rest half a period later; at t + T exactly one comes back.
        advance(periodNanos);
        long t = ticker.read();
        limiter.tryAcquire();
        advance(periodNanos / 2);
        drain(limiter, 100);
        advance(t + periodNanos - 1 - ticker.read());
        expect(!limiter.tryAcquire(), "RATE-2.2", "a refusal 1 ns before the first permit's window ends", "an admission");
        advance(1);
        expectEqual("RATE-2.2", "permits when only the first permit has left the window", 1L, drain(limiter, 100));
      }
    }
  }

  // ---- 3. The decision and its wait ----

  @Test
  @DisplayName("RATE-3.1 a refused probe's wait is exact: the same request is refused 1 ns before it and admitted at it")
  void probeWaitIsExact() {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    requireFeature(RateLimiterFeature.PROBE);
    RateLimiter limiter = standard();
    long maxPermits = spec(L, T, B).maxPermits(contract());
    drain(limiter, 100 * L);
    advance(1_234_567);
    for (long permits : new long[] {1, maxPermits, 1, 2, 1}) {
      permits = Math.min(permits, maxPermits);
      RateLimitDecision decision;
      while ((decision = limiter.probe(permits)).allowed()) {
        advance(0);
      }
      long wait = decision.retryAfterNanos();
      expect(wait >= 1, "RATE-3.1", "a wait of at least 1 ns with a refusal", decision);
      advance(wait - 1);
      expect(!limiter.tryAcquire(permits), "RATE-3.1", permits + " permits refused 1 ns before the reported wait " + wait + " ns",
          "admitted");
      advance(1);
      expect(limiter.tryAcquire(permits), "RATE-3.1", permits + " permits admitted after the reported wait " + wait + " ns",
          "refused");
      advance(777_777);
    }
  }

  @Test
  @DisplayName("RATE-3.2 an allowed probe's remaining permits are exactly how many single permits are admitted right after it")
  void probeRemainingIsExact() {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    requireFeature(RateLimiterFeature.PROBE);
    RateLimiter limiter = standard();
    for (long pause : new long[] {0, 250_000_000L, 3_000_000_000L, 50_000_001L}) {
      advance(pause);
      RateLimitDecision decision = limiter.probe(1);
      if (!decision.allowed()) {
        continue;
      }
      expectEqual("RATE-3.2", "remaining permits after a pause of " + pause + " ns", decision.remainingPermits(),
          drain(limiter, 100 * L));
    }
  }

  @Test
  @DisplayName("RATE-3.3 on the real clock, a refused probe's wait is at most the contract's longest wait, and after it (plus 20 ms) the request is admitted")
  void probeWaitOnTheRealClock() throws InterruptedException {
    requireFeature(RateLimiterFeature.PROBE);
    long permits = 20;
    Duration period = Duration.ofMillis(200);
    RateLimiter limiter = newLimiter(new RateLimiterSpec(permits, period, contract().isBucket() ? 5 : permits,
        Ticker.system(), Sleeper.system()));
    RateLimitDecision decision;
    int admitted = 0;
    while ((decision = limiter.probe(1)).allowed()) {
      admitted++;
      expect(admitted <= 10 * permits, "RATE-3.3", "a refusal within " + 10 * permits + " requests", "none");
    }
    long longest = contract() == RateContract.APPROXIMATE_WINDOW ? 2 * period.toNanos()
        : contract().isWindow() ? period.toNanos() : ceilDiv(period.toNanos(), permits);
    long wait = decision.retryAfterNanos();
    expect(wait >= 1 && wait <= longest + 20_000_000L, "RATE-3.3", "a wait in [1 ns, " + longest / 1_000_000 + " ms + 20 ms]",
        wait + " ns");
    TimeUnit.NANOSECONDS.sleep(wait + 20_000_000L);
    expect(limiter.tryAcquire(), "RATE-3.3", "an admission after the reported wait", "a refusal");
  }

  // ---- 4. Concurrency ----

  @Test
  @DisplayName("RATE-4.1 " + THREADS + " threads racing at a frozen clock admit exactly the permits available, in each of 200 rounds")
  void racingThreadsAdmitExactlyTheAvailablePermits() throws Exception {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    long expected = firstBurst(L, B);
    for (int round = 0; round < 200; round++) {
      RateLimiter limiter = standard();
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Long>> results = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Callable<Long> racer = () -> {
          start.await();
          long mine = 0;
          for (int i = 0; i < 2 * L; i++) {
            if (limiter.tryAcquire()) {
              mine++;
            }
          }
          return mine;
        };
        results.add(threads.submit(racer));
      }
      start.countDown();
      long total = 0;
      for (Future<Long> result : results) {
        Outcome<Long> outcome = awaitOutcome(result, "RATE-4.1", "the racing threads to finish");
        expect(!outcome.failed(), "RATE-4.1", "tryAcquire to return", outcome);
        total += outcome.value();
      }
      expectEqual("RATE-4.1", "permits admitted in round " + round, expected, total);
    }
  }

  // ---- 5. Idle time ----

  @Test
  @DisplayName("RATE-5.1 after idle times of a day, 30 years and 200 years the limiter admits exactly its first burst again, and no more")
  void longIdleNeverOverflows() {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    RateLimiter limiter = standard();
    long expected = firstBurst(L, B);
    expectEqual("RATE-5.1", "the first burst", expected, drain(limiter, 100 * L));
    for (Duration idle : new Duration[] {Duration.ofDays(1), Duration.ofDays(365L * 30), Duration.ofDays(365L * 200)}) {
      ticker.advance(idle);
      expectEqual("RATE-5.1", "permits after an idle time of " + idle.toDays() + " days", expected, drain(limiter, 100 * L));
    }
  }

  // ---- 6. Bad input ----

  private void expectRejected(String rule, Class<? extends Throwable> type, String what, Callable<?> call, String... mentions) {
    Outcome<?> outcome = outcomeOf(call);
    expect(type.isInstance(outcome.failure()), rule, what + " rejected with " + type.getSimpleName(), outcome);
    for (String mention : mentions) {
      String message = String.valueOf(outcome.failure().getMessage());
      expect(message.contains(mention), rule, "the message of " + what + " to name " + mention, message);
    }
  }

  @Test
  @DisplayName("RATE-6.1 a request for fewer than 1 permit (0, -1) is rejected with IllegalArgumentException")
  void rejectsPermitsBelowOne() {
    RateLimiter limiter = standard();
    for (long permits : new long[] {0, -1}) {
      expectRejected("RATE-6.1", IllegalArgumentException.class, "tryAcquire(" + permits + ")", () -> limiter.tryAcquire(permits));
      if (declares(RateLimiterFeature.PROBE)) {
        expectRejected("RATE-6.1", IllegalArgumentException.class, "probe(" + permits + ")", () -> limiter.probe(permits));
      }
      if (declares(RateLimiterFeature.WAITING)) {
        expectRejected("RATE-6.1", IllegalArgumentException.class, "tryAcquire(" + permits + ", 1s)",
            () -> limiter.tryAcquire(permits, Duration.ofSeconds(1)));
      }
    }
  }

  @Test
  @DisplayName("RATE-6.2 a request for more permits than one request can ever get is rejected with IllegalArgumentException naming the value and the limit")
  void rejectsPermitsAboveTheLimit() {
    RateLimiter limiter = standard();
    long max = spec(L, T, B).maxPermits(contract());
    String value = String.valueOf(max + 1);
    expectRejected("RATE-6.2", IllegalArgumentException.class, "tryAcquire(" + value + ")", () -> limiter.tryAcquire(max + 1),
        value, String.valueOf(max));
    if (declares(RateLimiterFeature.PROBE)) {
      expectRejected("RATE-6.2", IllegalArgumentException.class, "probe(" + value + ")", () -> limiter.probe(max + 1),
          value, String.valueOf(max));
    }
  }

  @Test
  @DisplayName("RATE-6.3 a rate of 0 or -1 permits, or a zero or negative period, is rejected with IllegalArgumentException when the limiter is built")
  void rejectsBadRates() {
    expectRejected("RATE-6.3", IllegalArgumentException.class, "0 permits per second", () -> create(0, T, B));
    expectRejected("RATE-6.3", IllegalArgumentException.class, "-1 permits per second", () -> create(-1, T, B));
    expectRejected("RATE-6.3", IllegalArgumentException.class, "10 permits per 0 s", () -> create(L, Duration.ZERO, B));
    expectRejected("RATE-6.3", IllegalArgumentException.class, "10 permits per -1 s", () -> create(L, Duration.ofSeconds(-1), B));
  }

  @Test
  @DisplayName("RATE-6.4 a waiting acquire rejects a null maxWait with NullPointerException and a negative one with IllegalArgumentException")
  void rejectsBadWaits() {
    requireFeature(RateLimiterFeature.WAITING);
    RateLimiter limiter = standard();
    expectRejected("RATE-6.4", NullPointerException.class, "a null maxWait", () -> limiter.tryAcquire(1, null));
    expectRejected("RATE-6.4", IllegalArgumentException.class, "maxWait -1 ms",
        () -> limiter.tryAcquire(1, Duration.ofMillis(-1)));
  }

  // ---- 7. Waiting ----

  /** The wait a fresh, drained limiter needs for one permit, if the contract names it exactly. */
  private long exactWaitAfterDrain() {
    long periodNanos = T.toNanos();
    switch (contract()) {
      case TOKEN_BUCKET:
      case SHAPER:
        return ceilDiv(periodNanos, L);
      case SLIDING_WINDOW:
      case FIXED_WINDOW:
        return periodNanos;
      default:
        return -1;
    }
  }

  @Test
  @DisplayName("RATE-7.1 a waiting acquire whose needed wait exceeds maxWait returns false at once, without sleeping")
  void refusesAtOnceWhenTheWaitIsTooLong() throws InterruptedException {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    requireFeature(RateLimiterFeature.WAITING);
    RateLimiter limiter = standard();
    drain(limiter, 100 * L);
    long needed = exactWaitAfterDrain();
    Duration maxWait = needed > 0 ? Duration.ofNanos(needed - 1) : T.dividedBy(2);
    long before = ticker.read();
    boolean got = limiter.tryAcquire(1, maxWait);
    expect(!got, "RATE-7.1", "false for a maxWait of " + maxWait.toNanos() + " ns", true);
    expect(sleeps.isEmpty() && ticker.read() == before, "RATE-7.1", "no sleep", "sleeps of " + sleeps + " ns");
  }

  @Test
  @DisplayName("RATE-7.2 a waiting acquire whose needed wait is within maxWait sleeps through the sleeper, no longer than maxWait (exactly the wait, for exact contracts), and gets the permits")
  void waitsWithinMaxWait() throws InterruptedException {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    requireFeature(RateLimiterFeature.WAITING);
    RateLimiter limiter = standard();
    drain(limiter, 100 * L);
    long needed = exactWaitAfterDrain();
    Duration maxWait = needed > 0 ? Duration.ofNanos(needed) : T.multipliedBy(3);
    long before = ticker.read();
    boolean got = limiter.tryAcquire(1, maxWait);
    long slept = ticker.read() - before;
    expect(got, "RATE-7.2", "the permit within " + maxWait.toNanos() + " ns", "false after sleeps of " + sleeps + " ns");
    expect(slept <= maxWait.toNanos() && slept > 0, "RATE-7.2", "sleeps totalling at most " + maxWait.toNanos() + " ns",
        slept + " ns");
    if (needed > 0) {
      expectEqual("RATE-7.2", "time slept", needed, slept);
    }
  }

  @Test
  @DisplayName("RATE-7.3 a waiting acquire interrupted on entry or while it sleeps throws InterruptedException (or returns false with the interrupt status set) and takes no permit")
  void honoursInterruption() throws Exception {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    requireFeature(RateLimiterFeature.WAITING);
    RateLimiter limiter = standard();
    drain(limiter, 100 * L);
    long needed = exactWaitAfterDrain() > 0 ? exactWaitAfterDrain() : 2 * T.toNanos();
    for (boolean onEntry : new boolean[] {true, false}) {
      Future<Outcome<Boolean>> call = threads.submit(() -> {
        if (onEntry) {
          Thread.currentThread().interrupt();
        } else {
          interruptNextSleep.set(true);
        }
        Outcome<Boolean> outcome = outcomeOf(() -> limiter.tryAcquire(1, T.multipliedBy(5)));
        boolean statusSet = Thread.interrupted();
        if (!outcome.failed() && !(Boolean.FALSE.equals(outcome.value()) && statusSet)) {
          return outcome;
        }
        return outcome.failed() && !(outcome.failure() instanceof InterruptedException) ? outcome : null;
      });
      Outcome<Outcome<Boolean>> result = awaitOutcome(call, "RATE-7.3", "the interrupted acquire to return");
      String when = onEntry ? "interrupted on entry" : "interrupted while sleeping";
      expect(!result.failed() && result.value() == null, "RATE-7.3",
          "InterruptedException, or false with the interrupt status set, when " + when, result.failed() ? result : result.value());
      interruptNextSleep.set(false);
    }
    advance(needed);
    long expected = contract().isBucket() || contract() == RateContract.SHAPER ? 1 : L;
    if (contract() == RateContract.APPROXIMATE_WINDOW) {
      advance(T.toNanos());
      expected = L;
    }
    expectEqual("RATE-7.3", "permits free once the wait has passed (the interrupted calls took none)", expected,
        drain(limiter, 100 * L));
  }

  // ---- 8. Multi-permit requests, on every variant (issue 14) ----

  @Test
  @DisplayName("RATE-8.1 every variant that takes n permits (tryAcquire(n), tryAcquire(n, 1 ns), probe(n)) charges exactly n: at a frozen clock exactly first burst - n single permits follow it; a refused request of any variant takes none")
  void multiPermitRequestsChargeExactly() throws Exception {
    requireFeature(RateLimiterFeature.MANUAL_TICKER);
    if (contract() == RateContract.SHAPER) {
      org.junit.jupiter.api.Assumptions.abort("a shaper's first burst is one request of any size, so a request's size shows only in the wait after it");
    }
    long first = firstBurst(L, B);
    long most = Math.min(first, spec(L, T, B).maxPermits(contract()));
    for (Map.Entry<String, PermitVariants.Variant> variant : PermitVariants.of(declares(RateLimiterFeature.WAITING),
        declares(RateLimiterFeature.PROBE)).entrySet()) {
      for (long n : new long[] {2, most}) {
        if (n < 2 || n > most) {
          continue;
        }
        RateLimiter limiter = standard();
        String call = variant.getKey().replace("n", String.valueOf(n));
        expect(variant.getValue().take(limiter, n), "RATE-8.1", call + " admitted by a fresh limiter (first burst " + first + ")", "refused");
        expectEqual("RATE-8.1", "single permits admitted after " + call + " at a frozen clock", first - n, drain(limiter, 100 * L));
      }
      RateLimiter limiter = standard();
      expectEqual("RATE-8.1", "single permits taken before the refused request", first - 1, drain(limiter, first - 1));
      String call = variant.getKey().replace("n", "2");
      expect(!variant.getValue().take(limiter, 2), "RATE-8.1", call + " refused with 1 permit left", "admitted");
      expectEqual("RATE-8.1", "single permits admitted after " + call + " was refused (it takes none)", 1L, drain(limiter, 100 * L));
    }
  }

  @Test
  @DisplayName("RATE-8.2 every variant (tryAcquire(n), tryAcquire(n, 1 ns), probe(n)) admits a request of exactly the most one request can get at a fresh limiter, and rejects one more with IllegalArgumentException naming the value and the limit")
  void everyVariantChecksTheLimit() throws Exception {
    long max = spec(L, T, B).maxPermits(contract());
    String value = String.valueOf(max + 1);
    Map<String, PermitVariants.Variant> variants = PermitVariants.of(declares(RateLimiterFeature.WAITING), declares(RateLimiterFeature.PROBE));
    for (Map.Entry<String, PermitVariants.Variant> variant : variants.entrySet()) {
      RateLimiter limiter = standard();
      String over = variant.getKey().replace("n", value);
      expectRejected("RATE-8.2", IllegalArgumentException.class, over, () -> variant.getValue().take(limiter, max + 1), value,
          String.valueOf(max));
      if (declares(RateLimiterFeature.MANUAL_TICKER) && contract() != RateContract.SHAPER) {
        String exact = variant.getKey().replace("n", String.valueOf(max));
        Outcome<Boolean> taken = outcomeOf(() -> variant.getValue().take(standard(), max));
        expect(!taken.failed() && taken.value(), "RATE-8.2", exact + " admitted by a fresh limiter at a frozen clock", taken);
      }
    }
  }
}
