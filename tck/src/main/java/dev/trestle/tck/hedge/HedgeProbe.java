package dev.trestle.tck.hedge;

import dev.trestle.core.Deadline;
import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The attempts of one call, scripted by attempt number (1 is the first): the script gives a value
 * to answer at once, a {@link Throwable} to fail with at once, {@link #PENDING} to wait for the kit
 * to answer, or {@link #STUBBORN} to wait and ignore interruption (a synchronous attempt only).
 * Records when each attempt was sent on the kit's ticker, the deadline it ran under, and whether it
 * was cancelled or interrupted.
 */
final class HedgeProbe {

  /** Script: the attempt waits until the kit answers it (a synchronous one ends if interrupted). */
  static final Object PENDING = new Object() {
    @Override
    public String toString() {
      return "PENDING";
    }
  };

  /** Script: a synchronous attempt that waits for the kit's answer and carries on when interrupted. */
  static final Object STUBBORN = new Object() {
    @Override
    public String toString() {
      return "STUBBORN";
    }
  };

  private final ManualTicker ticker;
  private final IntFunction<Object> script;
  private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
  private final ReentrantLock numbering = new ReentrantLock();

  HedgeProbe(ManualTicker ticker, IntFunction<Object> script) {
    this.ticker = ticker;
    this.script = script;
  }

  /** One attempt, as the hedge sent it. */
  final class Attempt {
    final int number;
    final long sentAt;
    final Optional<Deadline> deadline;
    /** What the attempt answers: the stage an asynchronous attempt returns, what a synchronous one waits for. */
    final CompletableFuture<Object> answer = new CompletableFuture<>();
    final CountDownLatch ended = new CountDownLatch(1);
    volatile boolean interrupted;

    Attempt(int number) {
      this.number = number;
      this.sentAt = ticker.read();
      this.deadline = Deadline.current();
    }

    /** Answers the attempt with {@code value}, unless it is already answered or cancelled. */
    void succeed(Object value) {
      answer.complete(value);
    }

    /** Fails the attempt with {@code failure}, unless it is already answered or cancelled. */
    void fail(Throwable failure) {
      answer.completeExceptionally(failure);
    }

    /** Whether the hedge cancelled this (asynchronous) attempt's stage. */
    boolean cancelled() {
      return answer.isCancelled();
    }

    @Override
    public String toString() {
      return "attempt " + number + " sent at " + sentAt + " ns";
    }
  }

  private Attempt record() {
    numbering.lock(); // numbers follow the order attempts start in, even across threads
    try {
      Attempt attempt = new Attempt(attempts.size() + 1);
      attempts.add(attempt);
      return attempt;
    } finally {
      numbering.unlock();
    }
  }

  /** The attempt supplier for {@code callAsync}: each call is one attempt, whose stage the kit may answer later. */
  Supplier<CompletionStage<Object>> async() {
    return () -> {
      Attempt attempt = record();
      Object planned = script.apply(attempt.number);
      if (planned instanceof Throwable) {
        attempt.fail((Throwable) planned);
      } else if (planned != PENDING && planned != STUBBORN) {
        attempt.succeed(planned);
      }
      attempt.ended.countDown();
      return attempt.answer;
    };
  }

  /** The task for {@code call}: each call is one attempt, which may block until the kit answers it. */
  Callable<Object> sync() {
    return () -> {
      Attempt attempt = record();
      try {
        Object planned = script.apply(attempt.number);
        if (planned instanceof Exception) {
          throw (Exception) planned;
        }
        if (planned instanceof Error) {
          throw (Error) planned;
        }
        if (planned != PENDING && planned != STUBBORN) {
          return planned;
        }
        return await(attempt, planned == STUBBORN);
      } finally {
        attempt.ended.countDown();
      }
    };
  }

  private static Object await(Attempt attempt, boolean stubborn) throws Exception {
    while (true) {
      try {
        return attempt.answer.get();
      } catch (InterruptedException e) {
        attempt.interrupted = true;
        if (!stubborn) {
          throw e;
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Error) {
          throw (Error) cause;
        }
        throw (Exception) cause;
      }
    }
  }

  int count() {
    return attempts.size();
  }

  /** Returns attempt {@code number} (1 is the first); the kit checks the count first. */
  Attempt attempt(int number) {
    return attempts.get(number - 1);
  }

  List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** Answers every attempt still waiting, so no thread of the kit's is left blocked. */
  void releaseAll() {
    for (Attempt attempt : attempts) {
      attempt.succeed("released by the kit");
    }
  }

  /** Waits until {@code count} attempts have been sent; false if that takes longer than {@code guard}. */
  boolean awaitCount(int count, Duration guard) {
    return await(() -> attempts.size() >= count, guard);
  }

  /** Waits (spinning, never sleeping on a clock that decides anything) until {@code condition} holds or {@code guard} passes. */
  static boolean await(BooleanSupplier condition, Duration guard) {
    long giveUp = System.nanoTime() + guard.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - giveUp > 0) {
        return false;
      }
      Thread.onSpinWait();
      Thread.yield();
    }
    return true;
  }

  /** Waits until attempt {@code number}'s thread has left it; false after {@code guard}. */
  boolean awaitEnded(int number, Duration guard) {
    try {
      return attempt(number).ended.await(guard.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the kit was interrupted while waiting", e);
    }
  }

  @Override
  public String toString() {
    int sent = attempts.size();
    return sent + (sent == 1 ? " attempt" : " attempts") + " sent at " + attempts.stream().map(a -> a.sentAt + " ns").toList();
  }
}
