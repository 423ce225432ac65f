package dev.trestle.core.balance;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a balancer knows of one node: requests outstanding, the peak-EWMA latency estimate, failures
 * in a row and the node's ejection. One instance lives as long as the node stays in the set.
 */
final class NodeState {

  /** Finagle's cost of a node with requests out and no response yet: high, so it is not flooded. */
  static final double PENALTY = (double) (Long.MAX_VALUE >> 16);

  final AtomicInteger outstanding = new AtomicInteger();
  final AtomicInteger failuresInARow = new AtomicInteger();

  // Peak EWMA, written under this object's monitor (a few arithmetic steps, never blocking); read
  // without it: a read that mixes an old stamp with a new estimate is off by one decay step at most.
  private volatile double estimate;
  private volatile long stamp;

  // Ejection, written under the balancer's topology lock.
  volatile boolean ejected;
  volatile long ejectedUntil;
  long healthySince;
  int ejections;

  NodeState(long now) {
    this.stamp = now;
    this.healthySince = now;
  }

  void start() {
    outstanding.incrementAndGet();
  }

  /** Ends a request; never takes the count below zero (a late report after a remove and re-add). */
  void end() {
    for (int o = outstanding.get(); o > 0; o = outstanding.get()) {
      if (outstanding.compareAndSet(o, o - 1)) {
        return;
      }
    }
  }

  /** Feeds a response's latency: the estimate jumps to a higher value, else decays towards it. */
  synchronized void observe(long latencyNanos, long now, double decayNanos) {
    double rtt = latencyNanos;
    double current = estimate;
    long elapsed = Math.max(0, now - stamp);
    if (rtt > current) {
      estimate = rtt;
    } else {
      double w = Math.exp(-elapsed / decayNanos);
      estimate = current * w + rtt * (1 - w);
    }
    stamp = now;
  }

  /** Returns the latency estimate decayed to {@code now}, times (outstanding + 1); Finagle's cost. */
  double cost(long now, double decayNanos) {
    int out = outstanding.get();
    double current = estimate;
    if (current == 0) {
      return out == 0 ? 0 : PENALTY + out;
    }
    long elapsed = now - stamp;
    if (elapsed > 0) {
      current *= Math.exp(-elapsed / decayNanos);
    }
    return current * (out + 1);
  }

  double estimate() {
    return estimate;
  }
}
