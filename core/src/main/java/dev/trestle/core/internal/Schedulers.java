package dev.trestle.core.internal;

import dev.trestle.core.Scheduler;
import dev.trestle.core.Ticker;

/**
 * The one rule for which {@link Scheduler} arms a component's timers when its config names none:
 * the ticker itself when it is also a scheduler (a {@link dev.trestle.core.ManualTicker}, so that
 * advancing it fires the timers), else {@link Scheduler#system()}.
 *
 * <p>Internal: exported only to Trestle's own modules. Stateless and thread-safe.
 */
public final class Schedulers {

  private Schedulers() {}

  /** Returns {@code chosen} if not null, else the scheduler that goes with {@code ticker}. */
  public static Scheduler resolve(Scheduler chosen, Ticker ticker) {
    if (chosen != null) {
      return chosen;
    }
    return ticker instanceof Scheduler ? (Scheduler) ticker : Scheduler.system();
  }

  /** Returns true if {@code ticker} is the system clock, on which a wait can be a plain timed park. */
  public static boolean isSystem(Ticker ticker) {
    return ticker == Ticker.system();
  }
}
