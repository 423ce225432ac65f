package dev.trestle.ratelimit;

/**
 * Detects the bursts of refusals of one limiter (local, or all keys of a Redis limiter) for {@link RejectionBurstEvent}: windows of
 * {@link #WINDOW_SECONDS} s on the limiter's ticker, starting at a refusal; a burst starts when a
 * window holds {@link #REJECTIONS} refusals and ends when a window closes with fewer (or passes
 * without any). Used only while a recording enables the event; the lock is held for a few
 * instructions and never while committing.
 */
final class RejectionBursts {

  static final int REJECTIONS = 100;
  static final long WINDOW_SECONDS = 1;
  private static final long WINDOW_NANOS = WINDOW_SECONDS * 1_000_000_000L;

  private long windowStart;
  private int count;
  private boolean started;
  private boolean inBurst;

  /** Counts a refusal at {@code now} of the limiter named {@code limiter}; commits the event if it starts a burst. */
  void rejected(String limiter, String algorithm, long now) {
    long within;
    synchronized (this) {
      if (!started || now - windowStart >= WINDOW_NANOS) {
        if (inBurst && (count < REJECTIONS || now - windowStart >= 2 * WINDOW_NANOS)) {
          inBurst = false;
        }
        started = true;
        windowStart = now;
        count = 0;
      }
      count++;
      if (inBurst || count < REJECTIONS) {
        return;
      }
      inBurst = true;
      within = now - windowStart;
    }
    RejectionBurstEvent event = new RejectionBurstEvent();
    if (event.shouldCommit()) {
      event.limiter = limiter;
      event.algorithm = algorithm;
      event.rejections = REJECTIONS;
      event.within = within;
      event.commit();
    }
  }
}
