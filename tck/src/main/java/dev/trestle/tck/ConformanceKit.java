package dev.trestle.tck;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.trestle.tck.internal.KitRuns;
import dev.trestle.tck.internal.RuleBook;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.AssertionFailedError;

/**
 * The base of every Trestle conformance kit: how a kit names the rule a test checks, reports a
 * violation, and skips a rule whose optional capability the implementation does not declare.
 *
 * <p>A kit is an abstract JUnit 5 class; a user subclasses it in their own test tree and supplies
 * a factory for their implementation and the set of capabilities it declares. Every test's display
 * name starts with its rule id from {@code tck/RULES.md}; a violation fails with a message that
 * names the rule, the implementation and what was expected versus seen, then quotes the rule's line
 * from the copy of RULES.md in the jar; a rule that needs an undeclared capability is reported as
 * skipped with the reason. At the end of a run a listener in the jar prints and writes a summary of
 * every rule's outcome ({@code target/trestle-tck/}).
 *
 * <p>Thread-safety: JUnit creates one kit instance per test, and a kit is used by its test's thread
 * (and the worker threads that test starts); the state a kit keeps is per instance.
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

  /** The class of the first object the factory returned in this test (one kit instance per test). */
  private Class<?> implementationClass;

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
    String rule = ruleOf(test.getDisplayName());
    String reason = knownDeviations().get(rule);
    Assumptions.assumeTrue(reason == null, () -> implementationName() + " is known to deviate from " + rule + ": " + reason);
  }

  @org.junit.jupiter.api.AfterEach
  final void recordImplementationName() {
    KitRuns.recordImplementation(getClass(), implementationName());
  }

  /**
   * Returns the name used for the implementation in failure messages and the run summary. By
   * default it is the simple name of the implementation's class (say {@code CaffeineCache}): the
   * class of the object the kit's factory returned in this test, or else of one object the kit
   * asks the factory for (see {@link #sampleImplementation()}), or else this test class's name.
   * Override it to name an adapter after what it adapts, or to add the configuration.
   */
  protected String implementationName() {
    Class<?> type = implementationClass != null ? implementationClass : ImplementationNames.sampled(this);
    String name = ImplementationNames.nameOf(type);
    return name != null ? name : getClass().getSimpleName();
  }

  /**
   * Records {@code created}, an object the kit's factory just returned, as the implementation under
   * test (the first one a test creates names it) and returns it. Kits call it where they call their
   * factory; it never changes what the test sees.
   */
  protected final <T> T implementation(T created) {
    if (created != null && implementationClass == null) {
      implementationClass = created.getClass();
    }
    return created;
  }

  /**
   * Returns one implementation built by the factory with the kit's plainest spec, for
   * {@link #implementationName()} when a test failed or was skipped before it created one; null by
   * default. Each kit overrides it; it is called at most once per test class, and an
   * {@link AutoCloseable} result is closed at once. Users need not override it.
   */
  protected Object sampleImplementation() {
    return null;
  }

  /** Returns this test's rule id: the first word of the display name. */
  static String ruleOf(String displayName) {
    return displayName.split(" ", 2)[0];
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
        ruleId + " violated by " + implementationName() + ": expected " + expected + " but saw " + seen
            + RuleBook.standard().citation(ruleId),
        expected, seen);
  }

  /**
   * Returns the failure for a wait on {@code ruleId} that outlasted {@link #hangGuard()}, to throw:
   * it says how long the kit waited and for what, and that the rule was not decided (a hang, or an
   * implementation slower than the guard allows), never that the rule's contract was broken.
   */
  protected final AssertionFailedError hang(String ruleId, String waitingFor) {
    return new AssertionFailedError(ruleId + " not decided for " + implementationName() + ": took longer than "
        + hangGuard().toSeconds() + " s (hangGuard()) waiting for " + waitingFor + "; a hang, or an implementation "
        + "slower than hangGuard() allows: override hangGuard() if it is correct but slow"
        + RuleBook.standard().citation(ruleId));
  }

  /**
   * Waits for {@code future} at most {@link #hangGuard()} and returns its outcome. A future still
   * running after that violates {@code ruleId}: use it where returning in time is part of the rule
   * (a timeout that must fire, a caller that must be released, a parser that must be linear).
   */
  protected final <T> Outcome<T> awaitOutcome(Future<T> future, String ruleId, String waitingFor) {
    return await(future, ruleId, waitingFor, false);
  }

  /**
   * Waits for {@code future} at most {@link #hangGuard()} and returns its outcome. A future still
   * running after that fails {@code ruleId} as not decided ({@link #hang}), never as violated: use it
   * where the rule is about what the work computes (concurrent lookups that must agree), so that a
   * correct but slow implementation is not reported as breaking it.
   */
  protected final <T> Outcome<T> awaitCompletion(Future<T> future, String ruleId, String waitingFor) {
    return await(future, ruleId, waitingFor, true);
  }

  private <T> Outcome<T> await(Future<T> future, String ruleId, String waitingFor, boolean undecided) {
    try {
      return Outcome.value(future.get(hangGuard().toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException e) {
      return Outcome.failure(e.getCause());
    } catch (TimeoutException e) {
      if (undecided) {
        throw hang(ruleId, waitingFor);
      }
      throw new AssertionFailedError(ruleId + " violated by " + implementationName() + ": took longer than "
          + hangGuard().toSeconds() + " s (hangGuard()) waiting for " + waitingFor + "; a hang, or an "
          + "implementation slower than hangGuard() allows" + RuleBook.standard().citation(ruleId));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the kit was interrupted while waiting", e);
    }
  }

  /**
   * As {@link #awaitCompletion(Future, String, String)}, for a batch of work that reports its progress
   * through {@code progress} (a count that grows as operations complete): it gives up, as not
   * decided, only when a whole {@link #hangGuard()} passes with no progress, so a batch that is slow
   * because the machine is busy is not mistaken for one that is stuck.
   */
  protected final <T> Outcome<T> awaitCompletion(Future<T> future, String ruleId, String waitingFor,
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
          throw hang(ruleId, waitingFor + " (no progress in the last " + hangGuard().toSeconds() + " s, " + now
              + " operations done)");
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
