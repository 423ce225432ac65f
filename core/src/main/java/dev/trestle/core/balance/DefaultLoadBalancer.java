package dev.trestle.core.balance;

import dev.trestle.core.Ticker;
import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.HashRingBuilder;
import dev.trestle.core.internal.Arguments;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The balancer: picks read the current {@link View} without a lock and count the request on the
 * chosen node's {@link NodeState}; updates, ejections and returns build a new view under one lock.
 * An ejected node returns lazily: the first pick at or after the view's {@code nextReturn} publishes
 * a view with it live again, so no timer is needed.
 */
final class DefaultLoadBalancer<N> implements LoadBalancer<N> {

  private final LoadBalancerConfig config;
  private final Ticker ticker;
  private final Chooser chooser;
  private final Draws draws;
  private final double decayNanos;
  private final ReentrantLock topology = new ReentrantLock();
  private volatile View<N> view;

  DefaultLoadBalancer(NodeSet<N> nodes, LoadBalancerConfig config) {
    Arguments.requireNonNull(nodes, "nodes");
    this.config = Arguments.requireNonNull(config, "config");
    this.ticker = config.ticker;
    this.draws = new Draws(config.seed);
    this.chooser = Chooser.of(config, draws);
    this.decayNanos = config.decayNanos;
    this.view = new View<>(NodeSet.empty(), new NodeState[0], null);
    update(nodes);
  }

  @Override
  public N pick() {
    return pick(config.algorithm.keyed() ? draws.nextLong() : 0L);
  }

  @Override
  public N pick(long keyHash) {
    View<N> v = current();
    if (v.live.length == 0) {
      throw new IllegalStateException("no node to pick: the node set is empty");
    }
    int i = chooser.choose(v, keyHash, v.anyEjected || config.algorithm == BalancingAlgorithm.PEAK_EWMA ? ticker.read() : 0L);
    v.states[i].start();
    return v.set.nodes().get(i);
  }

  @Override
  public void onSuccess(N node, long latencyNanos) {
    NodeState state = stateOf(node, latencyNanos);
    if (state == null) {
      return;
    }
    state.end();
    observe(state, latencyNanos);
    if (state.failuresInARow.get() != 0) {
      state.failuresInARow.set(0);
    }
  }

  @Override
  public void onFailure(N node, long latencyNanos) {
    NodeState state = stateOf(node, latencyNanos);
    if (state == null) {
      return;
    }
    state.end();
    observe(state, latencyNanos);
    if (config.consecutiveFailures > 0 && state.failuresInARow.incrementAndGet() >= config.consecutiveFailures) {
      tryEject(state);
    }
  }

  @Override
  public void onCancel(N node) {
    NodeState state = stateOf(node, 0);
    if (state != null) {
      state.end();
    }
  }

  private NodeState stateOf(N node, long latencyNanos) {
    Arguments.requireNonNull(node, "node");
    if (latencyNanos < 0) {
      throw new IllegalArgumentException("latencyNanos must be zero or positive, was " + latencyNanos);
    }
    View<N> v = view;
    int i = v.set.indexOf(node);
    return i < 0 ? null : v.states[i];
  }

  private void observe(NodeState state, long latencyNanos) {
    if (config.algorithm == BalancingAlgorithm.PEAK_EWMA) {
      state.observe(latencyNanos, ticker.read(), decayNanos);
    }
  }

  @Override
  public void update(NodeSet<N> nodes) {
    Arguments.requireNonNull(nodes, "nodes");
    HashRing<N> ring = config.algorithm.keyed() && !nodes.isEmpty() ? ring(nodes) : null;
    topology.lock();
    try {
      View<N> old = view;
      long now = ticker.read();
      NodeState[] states = new NodeState[nodes.size()];
      for (int i = 0; i < states.length; i++) {
        int before = old.set.indexOf(nodes.nodes().get(i));
        states[i] = before >= 0 ? old.states[before] : new NodeState(now);
      }
      returnDue(states, now);
      view = new View<>(nodes, states, ring);
    } finally {
      topology.unlock();
    }
  }

  private HashRing<N> ring(NodeSet<N> nodes) {
    HashAlgorithm algorithm = config.algorithm == BalancingAlgorithm.MAGLEV ? HashAlgorithm.MAGLEV : config.ring;
    HashRingBuilder<N> builder = HashRing.builder(algorithm);
    if (algorithm == HashAlgorithm.MAGLEV) {
      builder.maglevTableSize(config.maglevTableSize);
    }
    for (N node : nodes.nodes()) {
      builder.node(node, nodes.weight(node));
    }
    return builder.build();
  }

  /** Returns the view, first publishing a new one if an ejected node's time is up. */
  private View<N> current() {
    View<N> v = view;
    if (v.anyEjected && ticker.read() - v.nextReturn >= 0) {
      topology.lock();
      try {
        v = view;
        if (returnDue(v.states, ticker.read())) {
          v = new View<>(v.set, v.states, v.ring);
          view = v;
        }
      } finally {
        topology.unlock();
      }
    }
    return v;
  }

  /** Under the lock: ends the ejections that are due; returns whether any was. */
  private static boolean returnDue(NodeState[] states, long now) {
    boolean any = false;
    for (NodeState state : states) {
      if (state.ejected && now - state.ejectedUntil >= 0) {
        state.ejected = false;
        state.healthySince = state.ejectedUntil;
        state.failuresInARow.set(0);
        any = true;
      }
    }
    return any;
  }

  private void tryEject(NodeState state) {
    topology.lock();
    try {
      View<N> v = view;
      long now = ticker.read();
      returnDue(v.states, now);
      if (state.ejected || !contains(v, state)) {
        return;
      }
      int ejected = 0;
      for (NodeState s : v.states) {
        ejected += s.ejected ? 1 : 0;
      }
      int n = v.states.length;
      int cap = config.maxEjectionPercent == 0 ? 0 : Math.max(1, n * config.maxEjectionPercent / 100);
      if (ejected >= cap || ejected >= n - 1) {
        return; // the node keeps taking requests; its next failure tries again
      }
      long base = config.baseEjectionNanos;
      long forgotten = Math.max(0, now - state.healthySince) / base;
      state.ejections = (int) Math.max(0, state.ejections - forgotten) + 1;
      long duration = state.ejections > config.maxEjectionNanos / base ? config.maxEjectionNanos
          : Math.min(config.maxEjectionNanos, base * state.ejections);
      state.ejectedUntil = now + duration;
      state.ejected = true;
      state.failuresInARow.set(0);
      view = new View<>(v.set, v.states, v.ring);
    } finally {
      topology.unlock();
    }
  }

  private static boolean contains(View<?> v, NodeState state) {
    for (NodeState s : v.states) {
      if (s == state) {
        return true;
      }
    }
    return false;
  }

  @Override
  public NodeSet<N> nodes() {
    return view.set;
  }

  @Override
  public int outstanding(N node) {
    View<N> v = view;
    int i = node == null ? -1 : v.set.indexOf(node);
    return i < 0 ? 0 : v.states[i].outstanding.get();
  }

  @Override
  public boolean isEjected(N node) {
    View<N> v = current();
    int i = node == null ? -1 : v.set.indexOf(node);
    return i >= 0 && v.states[i].ejected;
  }

  @Override
  public BalancingAlgorithm algorithm() {
    return config.algorithm;
  }

  @Override
  public String toString() {
    return "LoadBalancer[" + config.algorithm + ", " + view.set + "]";
  }
}
