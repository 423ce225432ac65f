package dev.trestle.ratelimit;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/** One admitted call's listener: the first completion wins a compare-and-set, later ones do nothing. */
final class CallListener implements ConcurrencyLimiter.Listener {

  static final int SUCCESS = 1;
  static final int DROPPED = 2;
  static final int IGNORED = 3;

  private static final AtomicIntegerFieldUpdater<CallListener> DONE =
      AtomicIntegerFieldUpdater.newUpdater(CallListener.class, "done");

  private final DefaultConcurrencyLimiter limiter;
  private final int partition;
  private final long startNanos;
  private final int inflightAtAdmission;
  private volatile int done;

  CallListener(DefaultConcurrencyLimiter limiter, int partition, long startNanos, int inflightAtAdmission) {
    this.limiter = limiter;
    this.partition = partition;
    this.startNanos = startNanos;
    this.inflightAtAdmission = inflightAtAdmission;
  }

  private void complete(long rttNanos, int outcome) {
    if (done == 0 && DONE.compareAndSet(this, 0, outcome)) {
      limiter.complete(partition, Math.max(0, rttNanos), inflightAtAdmission, outcome);
    }
  }

  @Override
  public void onSuccess() {
    complete(limiter.ticker().read() - startNanos, SUCCESS);
  }

  @Override
  public void onSuccess(long rttNanos) {
    complete(rttNanos, SUCCESS);
  }

  @Override
  public void onDropped() {
    complete(limiter.ticker().read() - startNanos, DROPPED);
  }

  @Override
  public void onIgnore() {
    complete(0, IGNORED);
  }
}
