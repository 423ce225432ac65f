package dev.trestle.cache.twolevel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one Redis server answers, as the calls on it find out: each failure is counted, and the
 * change between answering and not is logged once per transition (a warning when it stops, an info
 * when it answers again), never once per call.
 *
 * <p>The Redis limiter has the same need; what does not depend on Jedis (the counting and the
 * once-per-transition log) belongs in {@code core.internal} once both use it. Thread-safe.
 */
final class Availability {

  private static final Logger LOG = LoggerFactory.getLogger(TwoLevelCache.class);

  private final String what;
  private final LongAdder failures;
  private final AtomicBoolean down = new AtomicBoolean();

  Availability(String what, LongAdder failures) {
    this.what = what;
    this.failures = failures;
  }

  /** Records a call that Redis could not answer; logs if Redis answered until now. */
  void failed(RuntimeException cause, String consequence) {
    failures.increment();
    if (!down.get() && down.compareAndSet(false, true)) {
      LOG.warn("{} cannot answer ({}); {}", what, cause.toString(), consequence);
    }
  }

  /** Records a call that Redis answered; logs if it could not answer until now. */
  void answered() {
    if (down.get() && down.compareAndSet(true, false)) {
      LOG.info("{} answers again", what);
    }
  }

  boolean down() {
    return down.get();
  }
}
