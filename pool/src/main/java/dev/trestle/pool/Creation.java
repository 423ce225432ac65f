package dev.trestle.pool;

import dev.trestle.core.Scheduler.Cancellable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call of {@link Allocator#create()} racing its deadline: whichever of {@link #finish()} and
 * {@link #expire()} comes first wins, once. The winner owns the slot the creation holds: a finish
 * that wins hands its object to the pool, an expiry that wins frees the slot, and the loser of a
 * finish (its object arrived late) destroys the object.
 */
final class Creation {

  private static final int RUNNING = 0;
  private static final int FINISHED = 1;
  private static final int EXPIRED = 2;

  private final AtomicInteger state = new AtomicInteger(RUNNING);
  /** The deadline's timer; set just after it is armed, so a finish that comes first may miss it (its expiry then loses). */
  volatile Cancellable deadline;

  /** Claims the outcome for the creation; false if the deadline came first. */
  boolean finish() {
    if (!state.compareAndSet(RUNNING, FINISHED)) {
      return false;
    }
    Cancellable timer = deadline;
    if (timer != null) {
      timer.cancel();
    }
    return true;
  }

  /** Claims the outcome for the deadline; false if the creation finished first. */
  boolean expire() {
    return state.compareAndSet(RUNNING, EXPIRED);
  }

  /** Whether the deadline has passed before the creation finished. */
  boolean expired() {
    return state.get() == EXPIRED;
  }
}
