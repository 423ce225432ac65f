package dev.trestle.core.internal;

/**
 * The null check every Trestle boundary makes, with the message form they share
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
}
