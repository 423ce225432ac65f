package dev.trestle.tck.balance;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.balance.NodeSet;
import java.time.Duration;

/**
 * What the {@link LoadBalancerTck} asks for when it creates a balancer: the nodes, the ticker to
 * time latencies and ejections on, the outlier-ejection settings (for implementations that declare
 * {@link LoadBalancerFeature#EJECTION}; {@code consecutiveFailures} 0 means ejection off) and a
 * seed for the implementation's random draws. Immutable.
 */
public final class BalancerSpec {

  private final NodeSet<String> nodes;
  private final ManualTicker ticker;
  private final int consecutiveFailures;
  private final Duration baseEjectionTime;
  private final Duration maxEjectionTime;
  private final int maxEjectionPercent;
  private final long seed;

  BalancerSpec(NodeSet<String> nodes, ManualTicker ticker, int consecutiveFailures, Duration baseEjectionTime,
      Duration maxEjectionTime, int maxEjectionPercent, long seed) {
    this.nodes = nodes;
    this.ticker = ticker;
    this.consecutiveFailures = consecutiveFailures;
    this.baseEjectionTime = baseEjectionTime;
    this.maxEjectionTime = maxEjectionTime;
    this.maxEjectionPercent = maxEjectionPercent;
    this.seed = seed;
  }

  /** Returns the nodes and their weights. */
  public NodeSet<String> nodes() {
    return nodes;
  }

  /** Returns the ticker the balancer must read time from; the kit advances it. */
  public ManualTicker ticker() {
    return ticker;
  }

  /** Returns the failures in a row that eject a node; 0 when the rule wants ejection off. */
  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** Returns how long a first ejection lasts. */
  public Duration baseEjectionTime() {
    return baseEjectionTime;
  }

  /** Returns the longest one ejection may last. */
  public Duration maxEjectionTime() {
    return maxEjectionTime;
  }

  /** Returns the most nodes, in percent, that may be ejected at once (at least one may be). */
  public int maxEjectionPercent() {
    return maxEjectionPercent;
  }

  /** Returns a seed for the random draws, so that a failing run can be repeated. */
  public long seed() {
    return seed;
  }

  @Override
  public String toString() {
    return "BalancerSpec[nodes=" + nodes + ", consecutiveFailures=" + consecutiveFailures + ", baseEjectionTime="
        + baseEjectionTime + ", maxEjectionTime=" + maxEjectionTime + ", maxEjectionPercent=" + maxEjectionPercent + "]";
  }
}
