package dev.trestle.tck.hedge;

import dev.trestle.core.Deadline;
import dev.trestle.core.DeadlineExceededException;
import dev.trestle.core.Scheduler;
import dev.trestle.core.Scheduler.Cancellable;
import dev.trestle.core.hedge.Hedge;
import dev.trestle.core.hedge.HedgeConfig;
import dev.trestle.core.hedge.HedgeMetrics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A plain, lock-based hedge written from the kit's rules, with one deliberate fault switched on
 * (none when the fault is null): the self-test checks that each fault is caught by the rule it
 * breaks. The faults are mistakes real hedging code makes.
 */
final class FaultyHedge implements Hedge {

  enum Fault {
    /** Arms every hedge timer with no delay: hedges go out at once. */
    HEDGES_IMMEDIATELY,
    /** Compares the attempt number with maxAttempts + 1: one hedge too many. */
    ONE_HEDGE_TOO_MANY,
    /** Neither cancels the hedge timer when the call completes nor looks whether it has: a hedge follows a fast answer. */
    HEDGES_AFTER_ANSWER,
    /** Takes a null answer for "no answer yet", so a later answer wins instead. */
    NULL_IS_NO_ANSWER,
    /** Leaves the losing attempts running once one has won (or the call has ended otherwise). */
    NEVER_CANCELS_LOSERS,
    /** Cancels a synchronous loser with {@code cancel(false)}: it is never interrupted. */
    CANCELS_WITHOUT_INTERRUPT,
    /** A synchronous call joins every attempt's thread before it returns the winner's value. */
    WAITS_FOR_LOSERS,
    /** Stops its attempts and timers only when the call ends by itself, not when the caller cancels it. */
    IGNORES_CALLER_CANCEL,
    /** Fails the call with the first failure, even while another attempt may still succeed. */
    FAILS_ON_FIRST_FAILURE,
    /** Sends the next attempt at once when one fails: a retry disguised as a hedge. */
    HEDGES_ON_FAILURE,
    /** Reports the first failure when all have failed, instead of the last. */
    FIRST_FAILURE_WINS,
    /** Reports the last failure alone, the others dropped. */
    DROPS_EARLIER_FAILURES,
    /** A synchronous call throws the ExecutionException around the attempt's failure. */
    WRAPS_FAILURE,
    /** Never asks the budget. */
    IGNORES_BUDGET,
    /** After a denial, asks the budget again a delay later, so a denied call is hedged later all the same. */
    KEEPS_ASKING_AFTER_DENIAL,
    /** The budget earns only its per-call ratio; the per-second floor never refills it. */
    NO_FLOOR,
    /** Never looks at the caller's deadline. */
    IGNORES_DEADLINE,
    /** Sends hedges from the timer thread without the caller's deadline (the first attempt has it on the caller's thread). */
    LOSES_DEADLINE_ON_HEDGES,
    /** The delay is the percentile alone: zero before any latency, and below the floor when answers are fast. */
    PERCENTILE_WITHOUT_FLOOR,
    /** The percentile delay is computed once, before any latency is known: it stays at the floor. */
    FIXED_AT_FLOOR,
    /** Keeps every latency ever observed instead of the last window: old latencies never leave the percentile. */
    WINDOW_NEVER_FORGETS,
    /** Leaves the hedge and deadline timers armed when the call ends (they find the call over and do nothing). */
    LEAKS_TIMER,
    /** A synchronous call runs its attempts on a new executor of its own, never shut down. */
    LEAKS_THREAD,
    /** Counts a win for every successful call that had sent a hedge, whichever attempt won. */
    COUNTS_HEDGED_AS_WON,
    /** Reports the configured delay (the floor) as the current delay, whatever the percentile says. */
    REPORTS_CONFIGURED_DELAY,
    /** Keeps the attempts in flight in one list of the hedge, so a call's winner cancels every call's attempts. */
    SHARED_CALL_STATE,
    /** callAsync(null) returns a failed future instead of throwing NullPointerException. */
    NULL_FAILS_FUTURE,
    /** Reads the fixed delay in whole milliseconds. */
    DELAY_TO_MILLIS,
    /** An attempt whose supplier throws fails the whole call, though other attempts sent may still succeed. */
    THROWN_ATTEMPT_ENDS_CALL,
    /** A synchronous caller interrupted while it waits throws InterruptedException and leaves the attempts running. */
    INTERRUPT_LEAVES_ATTEMPTS,
    /** Counts a call only once its first attempt's supplier has returned a stage. */
    THROWING_ATTEMPT_NOT_COUNTED
  }

  private final Fault fault;
  private final HedgeSpec spec;
  private final HedgeConfig config;
  private final Scheduler scheduler;
  private final ReentrantLock lock = new ReentrantLock(); // guards the latencies, the budget and sharedInFlight
  private final ArrayDeque<Long> latencies = new ArrayDeque<>();
  private double tokens;
  private long refilledAt;
  private final List<CompletionStage<?>> sharedInFlight = new ArrayList<>();
  private final List<ExecutorService> ownExecutors = new CopyOnWriteArrayList<>();
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong hedgesSent = new AtomicLong();
  private final AtomicLong hedgesWon = new AtomicLong();
  private final AtomicLong denials = new AtomicLong();

  FaultyHedge(Fault fault, HedgeSpec spec) {
    this.fault = fault;
    this.spec = spec;
    this.scheduler = spec.ticker();
    HedgeConfig.Builder builder = HedgeConfig.builder().name(spec.name()).maxAttempts(spec.maxAttempts())
        .ticker(spec.ticker()).executor(spec.executor());
    if (spec.percentileDelay()) {
      builder.percentileDelay(spec.percentile(), spec.floor()).latencyWindow(spec.latencyWindow());
    } else {
      builder.fixedDelay(spec.fixedDelay());
    }
    if (spec.budget() != null) {
      builder.budget(spec.budget().ratio(), spec.budget().minPerSecond());
    }
    this.config = builder.build();
    this.refilledAt = spec.ticker().read();
  }

  @Override
  public <T> CompletableFuture<T> callAsync(Supplier<? extends CompletionStage<T>> attempt) {
    if (attempt == null) {
      NullPointerException missing = new NullPointerException("attempt must not be null");
      if (fault == Fault.NULL_FAILS_FUTURE) {
        return CompletableFuture.failedFuture(missing);
      }
      throw missing;
    }
    Deadline deadline = fault == Fault.IGNORES_DEADLINE ? null : Deadline.current().orElse(null);
    if (deadline != null && deadline.isExpired()) {
      return CompletableFuture.failedFuture(new DeadlineExceededException(0, 0, "the deadline had passed; nothing sent"));
    }
    calls.incrementAndGet();
    deposit();
    Call<T> call = new Call<>(attempt, deadline);
    call.start();
    return call.result;
  }

  @Override
  public <T> T call(Callable<T> attempt) throws Exception {
    if (attempt == null) {
      throw new NullPointerException("attempt must not be null");
    }
    Executor executor = spec.executor();
    if (fault == Fault.LEAKS_THREAD) {
      ThreadPoolExecutor own = new ThreadPoolExecutor(spec.maxAttempts(), spec.maxAttempts(), 0, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "faulty-hedge-own");
            thread.setDaemon(true);
            return thread;
          });
      ownExecutors.add(own);
      executor = own;
    }
    Executor runOn = executor;
    List<CountDownLatch> finished = new CopyOnWriteArrayList<>();
    CompletableFuture<T> result = callAsync(() -> {
      RunningAttempt<T> running = new RunningAttempt<>(Deadline.wrap(attempt), fault != Fault.CANCELS_WITHOUT_INTERRUPT);
      finished.add(running.finished);
      runOn.execute(running);
      return running.stage;
    });
    try {
      T value = result.get();
      if (fault == Fault.WAITS_FOR_LOSERS) {
        for (CountDownLatch latch : finished) {
          latch.await();
        }
      }
      return value;
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause();
      if (fault == Fault.WRAPS_FAILURE) {
        throw failed;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw cause instanceof Exception ? (Exception) cause : failed;
    } catch (InterruptedException interrupted) {
      if (fault != Fault.INTERRUPT_LEAVES_ATTEMPTS) {
        result.cancel(true);
      }
      throw interrupted;
    }
  }

  @Override
  public HedgeMetrics metrics() {
    long won = hedgesWon.get(); // read before hedgesSent: a win is counted after its hedge, so won <= sent holds
    Duration delay = fault == Fault.REPORTS_CONFIGURED_DELAY ? config.delay() : Duration.ofNanos(delayNanos());
    return HedgeMetrics.of(calls.get(), hedgesSent.get(), won, denials.get(), delay);
  }

  @Override
  public HedgeConfig config() {
    return config;
  }

  /** Shuts down the executors the LEAKS_THREAD fault made, once the kit is done with this hedge. */
  void release() {
    ownExecutors.forEach(ExecutorService::shutdownNow);
  }

  @Override
  public String toString() {
    return "FaultyHedge(" + fault + ")";
  }

  // ---- delay and budget ----

  private long delayNanos() {
    if (!spec.percentileDelay()) {
      return fault == Fault.DELAY_TO_MILLIS ? TimeUnit.MILLISECONDS.toNanos(spec.fixedDelay().toMillis())
          : spec.fixedDelay().toNanos();
    }
    long floor = spec.floor().toNanos();
    if (fault == Fault.FIXED_AT_FLOOR) {
      return floor;
    }
    long[] sorted;
    lock.lock();
    try {
      sorted = latencies.stream().mapToLong(Long::longValue).toArray();
    } finally {
      lock.unlock();
    }
    if (sorted.length == 0) {
      return fault == Fault.PERCENTILE_WITHOUT_FLOOR ? 0 : floor;
    }
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(spec.percentile() / 100 * sorted.length) - 1; // nearest rank
    long percentile = sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    return fault == Fault.PERCENTILE_WITHOUT_FLOOR ? percentile : Math.max(floor, percentile);
  }

  private void recordLatency(long nanos) {
    if (!spec.percentileDelay()) {
      return;
    }
    lock.lock();
    try {
      latencies.addLast(nanos);
      if (fault != Fault.WINDOW_NEVER_FORGETS && latencies.size() > spec.latencyWindow()) {
        latencies.removeFirst();
      }
    } finally {
      lock.unlock();
    }
  }

  private double budgetCapacity() {
    return spec.budget().minPerSecond() + 1 + 10 * spec.budget().ratio();
  }

  private void deposit() {
    if (spec.budget() == null) {
      return;
    }
    lock.lock();
    try {
      tokens = Math.min(budgetCapacity(), tokens + spec.budget().ratio());
    } finally {
      lock.unlock();
    }
  }

  private boolean tryWithdraw() {
    if (spec.budget() == null || fault == Fault.IGNORES_BUDGET) {
      return true;
    }
    lock.lock();
    try {
      long now = spec.ticker().read();
      if (fault != Fault.NO_FLOOR) {
        double earned = (now - refilledAt) / 1e9 * spec.budget().minPerSecond();
        tokens = Math.min(budgetCapacity(), tokens + earned);
      }
      refilledAt = now;
      if (tokens >= 1 - 1e-9) { // ten deposits of 0.1 make 0.9999999999999999
        tokens -= 1;
        return true;
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  private static void cancel(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().cancel(true);
    } catch (UnsupportedOperationException notCancellable) {
      // its answer will be ignored
    }
  }

  private static void suppress(Throwable failure, List<Throwable> others) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.add(failure);
    for (Throwable other : others) {
      if (seen.add(other)) {
        failure.addSuppressed(other);
      }
    }
  }

  // ---- one call ----

  private final class Call<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    final Supplier<? extends CompletionStage<T>> supplier;
    final Deadline deadline;
    final long start = spec.ticker().read();
    final long delay = delayNanos();
    final ReentrantLock callLock = new ReentrantLock();
    final List<CompletionStage<T>> inFlight = new ArrayList<>(); // guarded by callLock
    final List<Throwable> failures = new ArrayList<>(); // guarded by callLock
    int sent; // guarded by callLock
    int pending; // guarded by callLock
    boolean done; // guarded by callLock
    Cancellable hedgeTimer; // guarded by callLock
    Cancellable deadlineTimer; // guarded by callLock

    Call(Supplier<? extends CompletionStage<T>> supplier, Deadline deadline) {
      this.supplier = supplier;
      this.deadline = deadline;
    }

    void start() {
      result.whenComplete((value, failure) -> stop());
      if (deadline != null) {
        long limit = deadline.remainingNanos();
        Cancellable timer = scheduler.schedule(() -> expire(limit), limit);
        callLock.lock();
        try {
          deadlineTimer = timer;
        } finally {
          callLock.unlock();
        }
      }
      send();
    }

    private void send() {
      int number;
      callLock.lock();
      try {
        if (done && fault != Fault.HEDGES_AFTER_ANSWER) {
          return;
        }
        number = ++sent;
        pending++;
      } finally {
        callLock.unlock();
      }
      int limit = fault == Fault.ONE_HEDGE_TOO_MANY ? spec.maxAttempts() + 1 : spec.maxAttempts();
      if (number < limit) {
        armHedge(fault == Fault.HEDGES_IMMEDIATELY ? 0 : delay);
      }
      CompletionStage<T> stage = invoke(number);
      boolean late;
      callLock.lock();
      try {
        late = done;
        inFlight.add(stage);
      } finally {
        callLock.unlock();
      }
      if (fault == Fault.SHARED_CALL_STATE) {
        lock.lock();
        try {
          sharedInFlight.add(stage);
        } finally {
          lock.unlock();
        }
      }
      if (late) {
        cancel(stage);
        return;
      }
      stage.whenComplete((value, failure) -> answered(number, value, failure));
    }

    private CompletionStage<T> invoke(int number) {
      boolean underDeadline = deadline != null && !(fault == Fault.LOSES_DEADLINE_ON_HEDGES && number > 1);
      try {
        CompletionStage<T> stage = underDeadline ? deadline.call(supplier::get) : supplier.get();
        return stage != null ? stage : CompletableFuture.failedFuture(new NullPointerException("the attempt returned null"));
      } catch (Throwable failure) {
        if (fault == Fault.THROWN_ATTEMPT_ENDS_CALL) {
          result.completeExceptionally(failure);
        }
        if (fault == Fault.THROWING_ATTEMPT_NOT_COUNTED && number == 1) {
          calls.decrementAndGet();
        }
        return CompletableFuture.failedFuture(failure);
      }
    }

    private void armHedge(long after) {
      Cancellable timer = scheduler.schedule(this::hedge, after);
      callLock.lock();
      try {
        hedgeTimer = timer;
      } finally {
        callLock.unlock();
      }
    }

    private void hedge() {
      callLock.lock();
      try {
        if (fault != Fault.HEDGES_AFTER_ANSWER && (done || pending == 0)) {
          return;
        }
      } finally {
        callLock.unlock();
      }
      if (deadline != null && deadline.isExpired()) {
        return;
      }
      if (!tryWithdraw()) {
        denials.incrementAndGet();
        if (fault == Fault.KEEPS_ASKING_AFTER_DENIAL) {
          armHedge(delay);
        }
        return;
      }
      hedgesSent.incrementAndGet();
      send();
    }

    private void answered(int number, T value, Throwable failure) {
      if (failure == null) {
        if (value == null && fault == Fault.NULL_IS_NO_ANSWER) {
          return;
        }
        if (result.complete(value)) {
          recordLatency(spec.ticker().read() - start);
          if (number > 1 || (fault == Fault.COUNTS_HEDGED_AS_WON && sentSoFar() > 1)) {
            hedgesWon.incrementAndGet();
          }
        }
        return;
      }
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (fault == Fault.FAILS_ON_FIRST_FAILURE) {
        result.completeExceptionally(cause);
        return;
      }
      List<Throwable> earlier;
      boolean sendNow;
      callLock.lock();
      try {
        if (done) {
          return;
        }
        pending--;
        sendNow = fault == Fault.HEDGES_ON_FAILURE && sent < spec.maxAttempts();
        if (sendNow || pending > 0) {
          failures.add(cause);
          earlier = null;
        } else {
          done = true;
          earlier = new ArrayList<>(failures);
        }
      } finally {
        callLock.unlock();
      }
      if (sendNow) {
        hedgesSent.incrementAndGet();
        send();
        return;
      }
      if (earlier == null) {
        return;
      }
      Throwable reported = cause;
      if (fault == Fault.FIRST_FAILURE_WINS && !earlier.isEmpty()) {
        reported = earlier.remove(0);
        earlier.add(cause);
      }
      if (fault != Fault.DROPS_EARLIER_FAILURES) {
        suppress(reported, earlier);
      }
      result.completeExceptionally(reported);
    }

    private int sentSoFar() {
      callLock.lock();
      try {
        return sent;
      } finally {
        callLock.unlock();
      }
    }

    private void expire(long limit) {
      DeadlineExceededException exceeded = new DeadlineExceededException(limit, spec.ticker().read() - start, "FaultyHedge call");
      callLock.lock();
      try {
        suppress(exceeded, new ArrayList<>(failures));
      } finally {
        callLock.unlock();
      }
      result.completeExceptionally(exceeded);
    }

    /** Runs once the result is complete: stops the timers and cancels the other attempts. */
    private void stop() {
      if (fault == Fault.IGNORES_CALLER_CANCEL && result.isCancelled()) {
        return;
      }
      List<CompletionStage<?>> losers;
      Cancellable hedge;
      Cancellable expiry;
      callLock.lock();
      try {
        done = true;
        losers = new ArrayList<>(inFlight);
        hedge = hedgeTimer;
        expiry = deadlineTimer;
      } finally {
        callLock.unlock();
      }
      if (fault != Fault.LEAKS_TIMER && fault != Fault.HEDGES_AFTER_ANSWER) {
        if (hedge != null) {
          hedge.cancel();
        }
        if (expiry != null) {
          expiry.cancel();
        }
      }
      if (fault == Fault.SHARED_CALL_STATE) {
        lock.lock();
        try {
          losers = new ArrayList<>(sharedInFlight);
          sharedInFlight.clear();
        } finally {
          lock.unlock();
        }
      }
      if (fault != Fault.NEVER_CANCELS_LOSERS) {
        losers.forEach(FaultyHedge::cancel);
      }
    }
  }

  /** A synchronous attempt on an executor, as a stage whose cancellation cancels (and maybe interrupts) the task. */
  private static final class RunningAttempt<T> implements Runnable {
    final CountDownLatch finished = new CountDownLatch(1);
    final FutureTask<T> task;
    final CompletableFuture<T> stage;

    RunningAttempt(Callable<T> callable, boolean interruptWhenCancelled) {
      this.stage = new CompletableFuture<>() {
        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
          task.cancel(interruptWhenCancelled);
          return super.cancel(mayInterruptIfRunning);
        }
      };
      this.task = new FutureTask<>(callable) {
        @Override
        protected void done() {
          if (isCancelled()) {
            stage.completeExceptionally(new CancellationException("attempt cancelled"));
            return;
          }
          try {
            stage.complete(get());
          } catch (ExecutionException failed) {
            stage.completeExceptionally(failed.getCause());
          } catch (InterruptedException cannotHappen) {
            Thread.currentThread().interrupt();
          }
        }
      };
    }

    @Override
    public void run() {
      try {
        task.run();
      } finally {
        finished.countDown();
      }
    }
  }
}
