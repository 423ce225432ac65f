package dev.trestle.tck.retry;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The kit's task, scripted by attempt number: the script's value is returned, or thrown if it is an
 * exception. Records when each attempt started on the kit's ticker and what it threw.
 */
final class RetryProbe implements Callable<Object> {
  final ManualTicker ticker;
  final IntFunction<Object> script;
  final List<Long> starts = new CopyOnWriteArrayList<>();
  final List<Object> outcomes = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();

  RetryProbe(ManualTicker ticker, IntFunction<Object> script) {
    this.ticker = ticker;
    this.script = script;
  }

  /** Records the attempt and runs the script; one call's attempts follow each other, the lock only orders them for readers. */
  private Object next() {
    lock.lock();
    try {
      starts.add(ticker.read());
      Object outcome = script.apply(starts.size());
      outcomes.add(outcome);
      return outcome;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Object call() throws Exception {
    Object outcome = next();
    if (outcome instanceof Exception) {
      throw (Exception) outcome;
    }
    if (outcome instanceof Error) {
      throw (Error) outcome;
    }
    return outcome;
  }

  Supplier<CompletionStage<Object>> async() {
    return () -> {
      Object outcome = next();
      return outcome instanceof Throwable
          ? CompletableFuture.failedFuture((Throwable) outcome)
          : CompletableFuture.completedFuture(outcome);
    };
  }

  int attempts() {
    return starts.size();
  }

  Object thrown(int attempt) {
    return attempt <= outcomes.size() ? outcomes.get(attempt - 1) : "(attempt " + attempt + " never ran)";
  }

  /** Waits until {@code count} attempts have started; false if that takes longer than {@code guard}. */
  boolean awaitAttempts(int count, Duration guard) {
    long giveUp = System.nanoTime() + guard.toNanos();
    while (starts.size() < count) {
      if (System.nanoTime() - giveUp > 0) {
        return false;
      }
      Thread.onSpinWait();
      Thread.yield();
    }
    return true;
  }
}
