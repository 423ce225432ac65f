package dev.trestle.core.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The argument checks Trestle's boundaries share, with the message forms they share
 * ({@code "task must not be null"}).
 *
 * <p>Internal: exported only to Trestle's own modules. Stateless and thread-safe.
 */
public final class Arguments {

  private Arguments() {}

  /**
   * Returns {@code value} if it is not null.
   *
   * @throws NullPointerException "{@code name} must not be null" otherwise
   */
  public static <T> T requireNonNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /**
   * Returns {@code value} if it is neither null nor blank: a name that is to appear in messages,
   * events and meter tags.
   *
   * @throws NullPointerException "{@code name} must not be null"
   * @throws IllegalArgumentException "{@code name} must not be blank, was \"...\"" for a blank value
   */
  public static String requireNonBlank(String value, String name) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was \"" + value + "\"");
    }
    return value;
  }

  /**
   * Returns {@code executor} if it can still run work: not null, and not an {@link ExecutorService}
   * that has been shut down.
   *
   * @param work what the executor would run, for the message ("attempt", "task")
   * @throws NullPointerException "executor must not be null"
   * @throws IllegalArgumentException if it has been shut down, naming it
   */
  public static Executor requireLiveExecutor(Executor executor, String work) {
    requireNonNull(executor, "executor");
    if (executor instanceof ExecutorService && ((ExecutorService) executor).isShutdown()) {
      throw new IllegalArgumentException("executor has been shut down and would reject every " + work + ": " + executor);
    }
    return executor;
  }
}
