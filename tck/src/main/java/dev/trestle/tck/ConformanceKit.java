package dev.trestle.tck;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The base of every Trestle conformance kit: how a kit names the rule a test checks, reports a
 * violation, and skips a rule whose optional capability the implementation does not declare.
 *
 * <p>A kit is an abstract JUnit 5 class; a user subclasses it in their own test tree and supplies
 * a factory for their implementation and the set of capabilities it declares. Every test's display
 * name starts with its rule id from {@code tck/RULES.md}; a violation fails with a message that
 * names the rule, the implementation and what was expected versus seen; a rule that needs an
 * undeclared capability is reported as skipped with the reason.
 *
 * <p>Kits never sleep to let time pass: time-based rules drive a {@link dev.trestle.core.ManualTicker}
 * that the implementation must use. Real time is used only by {@link #hangGuard()}, which turns an
 * implementation that never returns into a failure instead of a hung build.
 *
 * @param <F> the kit's enumeration of optional capabilities
 */
public abstract class ConformanceKit<F extends Enum<F>> {

  /** How long a kit waits for something that should happen at once before calling it a hang. */
  public static final Duration HANG_GUARD = Duration.ofSeconds(5);

  /**
   * Returns how long this run waits for something that should happen at once before calling it a
   * hang: {@link #HANG_GUARD} by default. Override it for an implementation that is correct but
   * slow by nature, say one that makes a network round trip per call: a rule that gives up then
   * says it took longer than this, never that a contract was broken.
   */
  protected Duration hangGuard() {
    return HANG_GUARD;
  }

  /** Returns the optional capabilities the implementation under test declares. */
  protected abstract Set<F> features();

  /**
   * Returns the rules this implementation is known to break, each with the reason; the kit reports
   * them as skipped with that reason instead of failing. Empty by default. Meant for peers run
   * through adapters, whose documented contracts differ in places: list a rule here only with a
   * test that shows it really fails without the excuse (see the kit's own peer tests).
   */
  protected java.util.Map<String, String> knownDeviations() {
    return java.util.Map.of();
  }

  @org.junit.jupiter.api.BeforeEach
  final void skipKnownDeviations(org.junit.jupiter.api.TestInfo test) {
    String rule = test.getDisplayName().split(" ", 2)[0];
    String reason = knownDeviations().get(rule);
    Assumptions.assumeTrue(reason == null, () -> implementationName() + " is known to deviate from " + rule + ": " + reason);
  }

  /** Returns the name used for the implementation in failure messages; the class name by default. */
  protected String implementationName() {
    return getClass().getSimpleName();
  }

  /**
   * Skips the current test, with the reason, unless the implementation declares {@code feature}.
   */
  protected final void requireFeature(F feature) {
    Assumptions.assumeTrue(features().contains(feature),
        () -> implementationName() + " does not declare " + feature + ", which this rule needs");
  }

  /** Returns whether the implementation declares {@code feature}. */
  protected final boolean declares(F feature) {
    return features().contains(feature);
  }

  /**
   * Fails the rule {@code ruleId} unless {@code holds}.
   *
   * @param expected what the rule requires, in words or as a value
   * @param seen what the implementation did
   */
  protected final void expect(boolean holds, String ruleId, Object expected, Object seen) {
    if (!holds) {
      throw violation(ruleId, expected, seen);
    }
  }

  /** Fails the rule {@code ruleId} unless {@code expected} equals {@code seen}. */
  protected final void expectEqual(String ruleId, Object expected, Object seen) {
    expect(java.util.Objects.equals(expected, seen), ruleId, expected, seen);
  }

  /**
   * Fails the rule {@code ruleId} unless {@code expected} equals {@code seen}; the message says
   * {@code what} was expected, and the value.
   */
  protected final void expectEqual(String ruleId, String what, Object expected, Object seen) {
    if (!java.util.Objects.equals(expected, seen)) {
      throw violation(ruleId, what + " (" + expected + ")", seen);
    }
  }

  /** Returns the failure for a violation of {@code ruleId}, to throw. */
  protected final AssertionFailedError violation(String ruleId, Object expected, Object seen) {
    return new AssertionFailedError(
        ruleId + " violated by " + implementationName() + ": expected " + expected + " but saw " + seen,
        expected, seen);
  }

  /**
   * Waits for {@code future} at most {@link #hangGuard()} and returns its outcome; a future still
   * running after that fails {@code ruleId} as a hang.
   */
  protected final <T> Outcome<T> awaitOutcome(Future<T> future, String ruleId, String waitingFor) {
    try {
      return Outcome.value(future.get(hangGuard().toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      return Outcome.failure(e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionFailedError(ruleId + " violated by " + implementationName() + ": took longer than "
          + hangGuard().toSeconds() + " s waiting for " + waitingFor + " (the kit's hang guard: a hang, or an "
          + "implementation slower than hangGuard() allows)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the kit was interrupted while waiting", e);
    }
  }

  /**
   * Waits for {@code future}, a batch of work that reports its progress through {@code progress}
   * (a count that grows as operations complete), and returns its outcome. It fails {@code ruleId} as
   * a hang only when a whole {@link #hangGuard()} passes with no progress, so a batch that is slow
   * because the machine is busy is not mistaken for one that is stuck.
   */
  protected final <T> Outcome<T> awaitOutcome(Future<T> future, String ruleId, String waitingFor,
      java.util.function.LongSupplier progress) {
    long seen = progress.getAsLong();
    while (true) {
      try {
        return Outcome.value(future.get(hangGuard().toMillis(), TimeUnit.MILLISECONDS));
      } catch (ExecutionException e) {
        return Outcome.failure(e.getCause());
      } catch (TimeoutException e) {
        long now = progress.getAsLong();
        if (now == seen) {
          throw new AssertionFailedError(ruleId + " violated by " + implementationName() + ": made no progress for "
              + hangGuard().toSeconds() + " s (" + now + " operations done) waiting for " + waitingFor
              + " (the kit's hang guard: a hang, or an implementation slower than hangGuard() allows)");
        }
        seen = now;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("the kit was interrupted while waiting", e);
      }
    }
  }

  /** Runs {@code action} on the calling thread and returns what it returned or threw. */
  protected static <T> Outcome<T> outcomeOf(java.util.concurrent.Callable<T> action) {
    try {
      return Outcome.value(action.call());
    } catch (Throwable e) {
      return Outcome.failure(e);
    }
  }

  /** The outcome of a call: the value it returned or what it threw. */
  public static final class Outcome<T> {
    private final T value;
    private final Throwable failure;

    private Outcome(T value, Throwable failure) {
      this.value = value;
      this.failure = failure;
    }

    static <T> Outcome<T> value(T value) {
      return new Outcome<>(value, null);
    }

    static <T> Outcome<T> failure(Throwable failure) {
      return new Outcome<>(null, failure);
    }

    /** Returns the value, or null if the call threw. */
    public T value() {
      return value;
    }

    /** Returns what the call threw, or null if it returned. */
    public Throwable failure() {
      return failure;
    }

    /** Returns whether the call threw. */
    public boolean failed() {
      return failure != null;
    }

    @Override
    public String toString() {
      return failure == null ? "returned " + value : "threw " + failure;
    }
  }
}
