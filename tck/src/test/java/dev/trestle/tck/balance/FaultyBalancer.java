package dev.trestle.tck.balance;

import dev.trestle.core.balance.BalancingAlgorithm;
import dev.trestle.core.balance.LoadBalancer;
import dev.trestle.core.balance.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain balancer, written apart from Trestle's, with at most one deliberate fault: the kit's
 * self-test shows each fault fails the rule it breaks and the faultless balancer passes. It chooses
 * by {@link Mode}: the power of two choices on outstanding requests, the least loaded node, two
 * choices on last latency x (outstanding + 1), or rendezvous hashing of the key.
 */
final class FaultyBalancer implements LoadBalancer<String> {

  enum Mode { TWO_CHOICES, LEAST, LATENCY, HASH }

  enum Fault {
    /** Never picks the last node of the set. */
    STARVES_LAST_NODE,
    /** Keeps picking from the set it was built with. */
    STALE_SET,
    /** A cancel does not end the request. */
    CANCEL_LEAKS,
    /** Draws uniformly whatever the weights. */
    IGNORES_WEIGHTS,
    /** Takes the busier of its two. */
    PICKS_BUSIER,
    /** Declared least loaded, but compares only two. */
    TWO_CHOICES_AS_LEAST,
    /** Declared latency aware, but compares outstanding counts only. */
    IGNORES_LATENCY,
    /** An ejected node never comes back. */
    NEVER_RETURNS,
    /** Counts all failures, not failures in a row. */
    COUNTS_ALL_FAILURES,
    /** Ejects any node that fails enough, whatever the share already ejected. */
    NO_EJECTION_CAP,
    /** Every ejection lasts the base time. */
    FIXED_BACKOFF,
    /** Counts outstanding requests with a read, a yield and a write. */
    RACY_COUNT,
    /** Updates the set in place: clears the list, then refills it. */
    UPDATES_IN_PLACE,
    /** Ignores the key. */
    IGNORES_KEY
  }

  private static final class Node {
    final AtomicInteger outstanding = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    volatile long lastLatency;
    volatile long ejectedUntil;
    volatile boolean ejected;
    volatile long returnedAt;
    int ejections;
  }

  private final Fault fault;
  private final Mode mode;
  private final BalancerSpec spec;
  private final Map<String, Node> states = new ConcurrentHashMap<>();
  private final List<String> shared = new ArrayList<>(); // UPDATES_IN_PLACE only
  private final SplittableRandom seeds;
  private volatile NodeSet<String> set;

  FaultyBalancer(Fault fault, Mode mode, BalancerSpec spec) {
    this.fault = fault;
    this.mode = mode;
    this.spec = spec;
    this.seeds = new SplittableRandom(spec.seed());
    this.set = spec.nodes();
    spec.nodes().nodes().forEach(node -> states.put(node, new Node()));
    shared.addAll(spec.nodes().nodes());
  }

  private synchronized SplittableRandom random() {
    return seeds.split();
  }

  private final ThreadLocal<SplittableRandom> draws = ThreadLocal.withInitial(this::random);

  @Override
  public String pick() {
    return pick(draws.get().nextLong());
  }

  @Override
  public String pick(long keyHash) {
    List<String> live = live();
    if (live.isEmpty()) {
      throw new IllegalStateException("no node to pick");
    }
    String chosen;
    if (mode == Mode.HASH) {
      chosen = rendezvous(live, fault == Fault.IGNORES_KEY ? draws.get().nextLong() : keyHash);
    } else if (mode == Mode.LEAST && fault != Fault.TWO_CHOICES_AS_LEAST) {
      chosen = least(live);
    } else {
      chosen = twoChoices(live);
    }
    Node node = states.get(chosen);
    if (node == null) {
      // An update removed the chosen node after this pick read the set: pick again from the new one.
      return pick(keyHash);
    }
    if (fault == Fault.RACY_COUNT) {
      int seen = node.outstanding.get();
      Thread.yield();
      node.outstanding.set(seen + 1);
    } else {
      node.outstanding.incrementAndGet();
    }
    return chosen;
  }

  private List<String> live() {
    List<String> candidates;
    if (fault == Fault.UPDATES_IN_PLACE) {
      candidates = new ArrayList<>();
      for (int i = 0; i < shared.size(); i++) {
        candidates.add(shared.get(i)); // may throw, or see null, while an update runs
      }
    } else {
      candidates = new ArrayList<>((fault == Fault.STALE_SET ? spec.nodes() : set).nodes());
    }
    if (fault == Fault.STARVES_LAST_NODE && candidates.size() > 1) {
      candidates.remove(candidates.size() - 1);
    }
    long now = spec.ticker().read();
    List<String> live = new ArrayList<>();
    for (String name : candidates) {
      Node node = states.get(name);
      if (node == null) {
        live.add(name); // in the stale set only
        states.putIfAbsent(name, new Node());
        continue;
      }
      if (node.ejected && fault != Fault.NEVER_RETURNS && now - node.ejectedUntil >= 0) {
        node.ejected = false;
        node.returnedAt = node.ejectedUntil;
        node.failures.set(0);
      }
      if (!node.ejected) {
        live.add(name);
      }
    }
    return live;
  }

  private String draw(List<String> live) {
    SplittableRandom random = draws.get();
    NodeSet<String> current = set;
    if (fault == Fault.IGNORES_WEIGHTS) {
      return live.get(random.nextInt(live.size()));
    }
    long total = 0;
    for (String name : live) {
      total += current.contains(name) ? current.weight(name) : 1;
    }
    long point = random.nextLong(total);
    for (String name : live) {
      point -= current.contains(name) ? current.weight(name) : 1;
      if (point < 0) {
        return name;
      }
    }
    return live.get(live.size() - 1);
  }

  private String twoChoices(List<String> live) {
    String a = draw(live);
    if (live.size() == 1) {
      return a;
    }
    String b = draw(live);
    for (int i = 0; b.equals(a) && i < 16; i++) {
      b = draw(live);
    }
    if (b.equals(a)) {
      b = live.get((live.indexOf(a) + 1) % live.size());
    }
    double loadA = load(a);
    double loadB = load(b);
    boolean takeB = fault == Fault.PICKS_BUSIER ? loadB > loadA : loadB < loadA;
    return takeB ? b : a;
  }

  private double load(String name) {
    Node node = states.get(name);
    if (node == null) {
      return Double.POSITIVE_INFINITY; // removed by an update racing this pick, which then picks again
    }
    NodeSet<String> current = set; // read once: an update may replace it between the two calls
    int weight = current.contains(name) ? current.weight(name) : 1;
    if (mode == Mode.LATENCY && fault != Fault.IGNORES_LATENCY) {
      return (double) Math.max(1, node.lastLatency) * (node.outstanding.get() + 1) / weight;
    }
    return (double) node.outstanding.get() / weight;
  }

  private String least(List<String> live) {
    int start = draws.get().nextInt(live.size());
    String best = live.get(start);
    for (int k = 1; k < live.size(); k++) {
      String name = live.get((start + k) % live.size());
      if (load(name) < load(best)) {
        best = name;
      }
    }
    return best;
  }

  private static String rendezvous(List<String> live, long key) {
    String best = null;
    long bestScore = 0;
    for (String name : live) {
      long score = mix(key ^ mix(name.hashCode()));
      if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
        best = name;
        bestScore = score;
      }
    }
    return best;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  private Node end(String name) {
    Node node = name == null ? null : states.get(name);
    if (node == null || !set.contains(name)) {
      return null;
    }
    node.outstanding.updateAndGet(o -> Math.max(0, o - 1));
    return node;
  }

  @Override
  public void onSuccess(String name, long latencyNanos) {
    Node node = end(name);
    if (node != null) {
      node.lastLatency = latencyNanos;
      if (fault != Fault.COUNTS_ALL_FAILURES) {
        node.failures.set(0);
      }
    }
  }

  @Override
  public void onFailure(String name, long latencyNanos) {
    Node node = end(name);
    if (node == null) {
      return;
    }
    node.lastLatency = latencyNanos;
    if (spec.consecutiveFailures() > 0 && node.failures.incrementAndGet() >= spec.consecutiveFailures()) {
      eject(node);
    }
  }

  private synchronized void eject(Node node) {
    if (node.ejected) {
      return;
    }
    NodeSet<String> current = set;
    long ejected = current.nodes().stream().filter(this::isEjected).count();
    long cap = Math.max(1, current.size() * spec.maxEjectionPercent() / 100);
    if (fault != Fault.NO_EJECTION_CAP && (ejected >= cap || ejected >= current.size() - 1)) {
      return;
    }
    long now = spec.ticker().read();
    long base = spec.baseEjectionTime().toNanos();
    long forgotten = Math.max(0, now - node.returnedAt) / base;
    node.ejections = (int) Math.max(0, node.ejections - forgotten) + 1;
    long duration = fault == Fault.FIXED_BACKOFF ? base : Math.min(spec.maxEjectionTime().toNanos(), base * node.ejections);
    node.ejectedUntil = now + duration;
    node.ejected = true;
    node.failures.set(0);
  }

  @Override
  public void onCancel(String name) {
    if (fault != Fault.CANCEL_LEAKS) {
      end(name);
    }
  }

  @Override
  public void update(NodeSet<String> nodes) {
    nodes.nodes().forEach(node -> states.putIfAbsent(node, new Node()));
    states.keySet().removeIf(node -> !nodes.contains(node) && !spec.nodes().contains(node));
    if (fault == Fault.UPDATES_IN_PLACE) {
      synchronized (shared) {
        shared.clear();
        Thread.yield();
        shared.addAll(nodes.nodes());
      }
    }
    set = nodes;
  }

  @Override
  public NodeSet<String> nodes() {
    return set;
  }

  @Override
  public int outstanding(String name) {
    Node node = name == null || !set.contains(name) ? null : states.get(name);
    return node == null ? 0 : node.outstanding.get();
  }

  @Override
  public boolean isEjected(String name) {
    Node node = name == null || !set.contains(name) ? null : states.get(name);
    if (node == null || !node.ejected) {
      return false;
    }
    return fault == Fault.NEVER_RETURNS || spec.ticker().read() - node.ejectedUntil < 0;
  }

  @Override
  public BalancingAlgorithm algorithm() {
    switch (mode) {
      case LEAST:
        return BalancingAlgorithm.LEAST_OUTSTANDING;
      case LATENCY:
        return BalancingAlgorithm.PEAK_EWMA;
      case HASH:
        return BalancingAlgorithm.MAGLEV;
      default:
        return BalancingAlgorithm.TWO_CHOICES;
    }
  }
}
