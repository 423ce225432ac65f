package dev.trestle.tck.balance;

import dev.trestle.core.ManualTicker;
import dev.trestle.core.balance.LoadBalancer;
import dev.trestle.core.balance.NodeSet;
import dev.trestle.tck.ConformanceKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for {@link LoadBalancer}: the rules {@code BALANCE-*} of {@code tck/RULES.md}.
 *
 * <p>Subclass it in your test tree, return a fresh balancer of {@code String} nodes built to the
 * {@link BalancerSpec} from {@link #newBalancer}, and declare your capabilities in
 * {@link #features()}:
 *
 * <pre>{@code
 * class MyBalancerConformanceTest extends LoadBalancerTck {
 *   protected LoadBalancer<String> newBalancer(BalancerSpec spec) {
 *     return MyBalancers.twoChoices(spec.nodes(), spec.ticker(), spec.consecutiveFailures(), ...);
 *   }
 *   protected Set<LoadBalancerFeature> features() {
 *     return EnumSet.of(LoadBalancerFeature.WEIGHTED, LoadBalancerFeature.LOAD_AWARE);
 *   }
 * }
 * }</pre>
 *
 * <p>The kit follows the balancer's protocol: it reports exactly one outcome for every pick, and
 * time moves only when it advances the spec's ticker. Unless a rule says otherwise every request is
 * reported at once with the same latency ({@value #LATENCY_MILLIS} ms), so load and latency are
 * equal everywhere; draws come from a fixed seed, so every run checks the same sequence.
 */
public abstract class LoadBalancerTck extends ConformanceKit<LoadBalancerFeature> {

  static final long LATENCY_MILLIS = 1;
  private static final long LATENCY = TimeUnit.MILLISECONDS.toNanos(LATENCY_MILLIS);
  private static final long SEED = 0xBA1A_4CE_2026L;
  private static final int CONSECUTIVE = 3;
  private static final Duration BASE = Duration.ofSeconds(10);
  private static final Duration MAX = Duration.ofSeconds(100);
  private static final int PERCENT = 50;
  private static final int PATIENCE = 2_000;

  private ManualTicker ticker;
  private SplittableRandom random;
  private ExecutorService callers;

  /** Returns a new balancer built to {@code spec}, using its ticker. */
  protected abstract LoadBalancer<String> newBalancer(BalancerSpec spec);

  /**
   * How far each node's share of the picks may be from its share of the weight, relative to it, in
   * {@code BALANCE-2.1} (20,000 picks over weights 1, 2, 3, 4). Default 0.1; a hashing balancer,
   * whose shares follow its ring's balance, may need more.
   */
  protected double weightTolerance() {
    return 0.1;
  }

  @BeforeEach
  void startKit() {
    ticker = new ManualTicker();
    random = new SplittableRandom(SEED);
    callers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "tck-balancer");
      thread.setDaemon(true);
      return thread;
    });
  }

  @AfterEach
  void stopKit() {
    if (callers != null) {
      callers.shutdownNow();
    }
  }

  // ---- 1. Which nodes, how many requests ----

  @Test
  @DisplayName("BALANCE-1.1 every pick is a node of the set, and every node is picked (10 nodes, 10,000 picks)")
  void picksOnlyAndEveryNodeOfTheSet() {
    NodeSet<String> nodes = nodes(10);
    LoadBalancer<String> lb = newBalancer(spec(nodes));
    Map<String, Integer> counts = new TreeMap<>();
    for (int i = 0; i < 10_000; i++) {
      String node = i % 2 == 0 ? lb.pick() : lb.pick(random.nextLong());
      expect(nodes.contains(node), "BALANCE-1.1", "a node of " + nodes, node);
      counts.merge(node, 1, Integer::sum);
      lb.onSuccess(node, LATENCY);
    }
    expectEqual("BALANCE-1.1", "every node picked", 10, counts.size());
  }

  @Test
  @DisplayName("BALANCE-1.2 after update no pick returns a removed node, added nodes are picked, and an empty set throws IllegalStateException")
  void updateReplacesTheSet() {
    LoadBalancer<String> lb = newBalancer(spec(nodes(5)));
    cycles(lb, 100);
    NodeSet<String> next = NodeSet.of("n3", "n4", "n5", "n6");
    lb.update(next);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < PATIENCE; i++) {
      String node = lb.pick();
      expect(next.contains(node), "BALANCE-1.2", "a node of " + next + " after update", node);
      seen.add(node);
      lb.onSuccess(node, LATENCY);
    }
    expect(seen.contains("n5") && seen.contains("n6"), "BALANCE-1.2", "the added nodes n5 and n6 picked", seen);
    lb.update(NodeSet.empty());
    Outcome<String> empty = outcomeOf(lb::pick);
    expect(empty.failure() instanceof IllegalStateException, "BALANCE-1.2",
        "IllegalStateException from a pick over the empty set", empty);
    lb.update(NodeSet.of("n1"));
    String only = lb.pick();
    expectEqual("BALANCE-1.2", "the only node", "n1", only);
    lb.onSuccess(only, LATENCY);
  }

  @Test
  @DisplayName("BALANCE-1.3 outstanding counts are exact: a pick adds one, each report takes one away, a report for an unknown node changes nothing, update keeps the counts of staying nodes")
  void outstandingCountsAreExact() {
    NodeSet<String> nodes = nodes(5);
    LoadBalancer<String> lb = newBalancer(spec(nodes));
    List<String> held = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      held.add(lb.pick());
    }
    expectCounts(lb, nodes, held, "after 20 picks held");
    for (int i = 0; i < 15; i++) {
      String node = held.remove(held.size() - 1);
      if (i % 3 == 0) {
        lb.onSuccess(node, LATENCY);
      } else if (i % 3 == 1) {
        lb.onFailure(node, LATENCY);
      } else {
        lb.onCancel(node);
      }
      expectCounts(lb, nodes, held, "after " + (i + 1) + " reports (success, failure, cancel in turn)");
    }
    Outcome<Object> stranger = outcomeOf(() -> {
      lb.onSuccess("stranger", LATENCY);
      lb.onFailure("stranger", LATENCY);
      lb.onCancel("stranger");
      return null;
    });
    expect(!stranger.failed(), "BALANCE-1.3", "reports for a node not in the set ignored", stranger);
    expectCounts(lb, nodes, held, "after reports for a node not in the set");
    NodeSet<String> next = NodeSet.of("n1", "n2", "n3", "n4", "n9");
    lb.update(next);
    held.removeIf(node -> !next.contains(node));
    expectCounts(lb, next, held, "after an update that keeps n1..n4");
  }

  private void expectCounts(LoadBalancer<String> lb, NodeSet<String> nodes, List<String> held, String when) {
    Map<String, Integer> expected = new TreeMap<>();
    Map<String, Integer> seen = new TreeMap<>();
    for (String node : nodes.nodes()) {
      expected.put(node, 0);
      seen.put(node, lb.outstanding(node));
    }
    held.forEach(node -> expected.merge(node, 1, Integer::sum));
    expectEqual("BALANCE-1.3", "outstanding per node " + when, expected, seen);
  }

  // ---- 2. Weights ----

  @Test
  @DisplayName("BALANCE-2.1 with every request reported at once, each node's share of 20,000 picks is its share of the weight within the declared tolerance")
  void weightsAreHonouredInTheLongRun() {
    requireFeature(LoadBalancerFeature.WEIGHTED);
    NodeSet<String> nodes = NodeSet.<String>builder().node("w1", 1).node("w2", 2).node("w3", 3).node("w4", 4).build();
    LoadBalancer<String> lb = newBalancer(spec(nodes));
    Map<String, Integer> counts = new TreeMap<>();
    int picks = 20_000;
    for (int i = 0; i < picks; i++) {
      String node = lb.pick();
      counts.merge(node, 1, Integer::sum);
      lb.onSuccess(node, LATENCY);
    }
    for (String node : nodes.nodes()) {
      double expected = picks * nodes.weight(node) / (double) nodes.totalWeight();
      double seen = counts.getOrDefault(node, 0);
      expect(Math.abs(seen / expected - 1) <= weightTolerance(), "BALANCE-2.1",
          node + " picked " + Math.round(expected) + " times, within " + weightTolerance() * 100 + "%", counts);
    }
  }

  // ---- 3. Load and latency ----

  @Test
  @DisplayName("BALANCE-3.1 never picks the busier of two nodes, so never a node strictly busier than all others (random walks of held requests on 2 and 6 nodes)")
  void neverPicksTheBusier() {
    requireFeature(LoadBalancerFeature.LOAD_AWARE);
    walk("BALANCE-3.1", 2, false);
    walk("BALANCE-3.1", 6, false);
  }

  @Test
  @DisplayName("BALANCE-3.2 always picks a node with the fewest requests outstanding (random walk of held requests on 6 nodes)")
  void alwaysPicksALeastLoadedNode() {
    requireFeature(LoadBalancerFeature.LEAST_LOADED);
    walk("BALANCE-3.2", 6, true);
  }

  /** Holds and releases requests at random; checks each pick against the loads just before it. */
  private void walk(String rule, int n, boolean least) {
    NodeSet<String> nodes = nodes(n);
    LoadBalancer<String> lb = newBalancer(spec(nodes));
    warmUp(lb, nodes, rule);
    List<String> held = new ArrayList<>();
    Map<String, Integer> loads = new HashMap<>();
    nodes.nodes().forEach(node -> loads.put(node, 0));
    for (int step = 0; step < 1_000; step++) {
      if (held.isEmpty() || random.nextInt(10) < 6) {
        Map<String, Integer> before = new TreeMap<>(loads);
        String node = lb.pick();
        int min = before.values().stream().min(Integer::compare).orElse(0);
        int max = before.values().stream().max(Integer::compare).orElse(0);
        long atMax = before.values().stream().filter(load -> load == max).count();
        if (least) {
          expect(before.get(node) == min, rule, "a node with " + min + " outstanding", node + " at loads " + before);
        } else {
          expect(!(atMax == 1 && max > min && before.get(node) == max), rule,
              "any node but the one strictly busiest", node + " at loads " + before);
        }
        held.add(node);
        loads.merge(node, 1, Integer::sum);
      } else {
        String node = held.remove(random.nextInt(held.size()));
        lb.onSuccess(node, LATENCY);
        loads.merge(node, -1, Integer::sum);
      }
    }
    held.forEach(node -> lb.onSuccess(node, LATENCY));
  }

  /** Picks and reports until every node has answered once, so none is untried. */
  private void warmUp(LoadBalancer<String> lb, NodeSet<String> nodes, String rule) {
    Set<String> answered = new HashSet<>();
    for (int i = 0; i < PATIENCE && answered.size() < nodes.size(); i++) {
      String node = lb.pick();
      answered.add(node);
      lb.onSuccess(node, LATENCY);
    }
    expectEqual(rule, "every node picked within " + PATIENCE + " picks reported at once", nodes.size(), answered.size());
  }

  @Test
  @DisplayName("BALANCE-3.3 a node ten times slower than the others gets less than half its even share (5 nodes, 2,000 picks, one at a time, 1 ms apart)")
  void aSlowNodeGetsLessTraffic() {
    requireFeature(LoadBalancerFeature.LATENCY_AWARE);
    NodeSet<String> nodes = nodes(5);
    LoadBalancer<String> lb = newBalancer(spec(nodes));
    int slow = 0;
    int picks = 2_000;
    for (int i = 0; i < picks; i++) {
      String node = lb.pick();
      ticker.advance(1, TimeUnit.MILLISECONDS);
      boolean isSlow = node.equals("n0");
      slow += isSlow ? 1 : 0;
      lb.onSuccess(node, isSlow ? 10 * LATENCY : LATENCY);
    }
    expect(slow < picks / 10, "BALANCE-3.3", "fewer than " + picks / 10 + " picks of the slow node n0", slow);
  }

  // ---- 4. Outlier ejection ----

  @Test
  @DisplayName("BALANCE-4.1 a node whose last consecutiveFailures reports failed is not picked until baseEjectionTime has passed, then is picked again")
  void aFailingNodeIsEjectedAndReturns() {
    requireFeature(LoadBalancerFeature.EJECTION);
    LoadBalancer<String> lb = newBalancer(ejectionSpec(nodes(4)));
    failUntilEjected(lb, "n0", "BALANCE-4.1");
    expectNotPicked(lb, "n0", "BALANCE-4.1", "right after its ejection");
    ticker.advance(BASE.minusNanos(1));
    expectNotPicked(lb, "n0", "BALANCE-4.1", "1 ns before baseEjectionTime");
    ticker.advance(Duration.ofNanos(1));
    expectPickedAgain(lb, "n0", "BALANCE-4.1", "once baseEjectionTime has passed");
  }

  @Test
  @DisplayName("BALANCE-4.2 a success resets the count: failures, success, failures (each run one short) eject nothing")
  void aSuccessResetsTheCount() {
    requireFeature(LoadBalancerFeature.EJECTION);
    LoadBalancer<String> lb = newBalancer(ejectionSpec(nodes(4)));
    List<Boolean> script = new ArrayList<>();
    for (int run = 0; run < 3; run++) {
      for (int i = 0; i < CONSECUTIVE - 1; i++) {
        script.add(false);
      }
      script.add(true);
    }
    int scripted = 0;
    for (int i = 0; i < 20 * PATIENCE && scripted < script.size(); i++) {
      String node = lb.pick();
      if (node.equals("n0")) {
        if (script.get(scripted++)) {
          lb.onSuccess(node, LATENCY);
        } else {
          lb.onFailure(node, LATENCY);
        }
      } else {
        lb.onSuccess(node, LATENCY);
      }
    }
    expectEqual("BALANCE-4.2", "n0 picked for each scripted outcome " + script, script.size(), scripted);
    expectPickedAgain(lb, "n0", "BALANCE-4.2", "after runs of " + (CONSECUTIVE - 1) + " failures broken by successes");
  }

  @Test
  @DisplayName("BALANCE-4.3 when every node fails, at most maxEjectionPercent of the nodes are ejected (50% of 4) and picks go on")
  void ejectionIsCapped() {
    requireFeature(LoadBalancerFeature.EJECTION);
    NodeSet<String> nodes = nodes(4);
    LoadBalancer<String> lb = newBalancer(ejectionSpec(nodes));
    Set<String> lastPicked = new HashSet<>();
    for (int i = 0; i < PATIENCE; i++) {
      Outcome<String> pick = outcomeOf(lb::pick);
      expect(!pick.failed(), "BALANCE-4.3", "a pick while half the nodes may be ejected", pick);
      if (i >= PATIENCE / 2) {
        lastPicked.add(pick.value());
      }
      lb.onFailure(pick.value(), LATENCY);
    }
    long ejected = nodes.nodes().stream().filter(lb::isEjected).count();
    expect(ejected >= 1 && ejected <= 2, "BALANCE-4.3", "1 or 2 of 4 nodes ejected", ejected);
    expect(lastPicked.size() >= 2, "BALANCE-4.3", "picks spread over the 2 or more nodes not ejected", lastPicked);
  }

  @Test
  @DisplayName("BALANCE-4.4 a node ejected again soon after it returned stays out longer than baseEjectionTime, and at most maxEjectionTime")
  void repeatedEjectionsLastLonger() {
    requireFeature(LoadBalancerFeature.EJECTION);
    LoadBalancer<String> lb = newBalancer(ejectionSpec(nodes(4)));
    failUntilEjected(lb, "n0", "BALANCE-4.4");
    ticker.advance(BASE);
    failUntilEjected(lb, "n0", "BALANCE-4.4");
    ticker.advance(BASE);
    expectNotPicked(lb, "n0", "BALANCE-4.4", "baseEjectionTime into its second ejection");
    ticker.advance(MAX.minus(BASE));
    expectPickedAgain(lb, "n0", "BALANCE-4.4", "maxEjectionTime into its second ejection");
  }

  private void failUntilEjected(LoadBalancer<String> lb, String victim, String rule) {
    int failed = 0;
    for (int i = 0; i < 20 * PATIENCE && failed < CONSECUTIVE; i++) {
      String node = lb.pick();
      if (node.equals(victim)) {
        failed++;
        lb.onFailure(node, LATENCY);
      } else {
        lb.onSuccess(node, LATENCY);
      }
    }
    expectEqual(rule, victim + " picked and failed " + CONSECUTIVE + " times", CONSECUTIVE, failed);
  }

  private void expectNotPicked(LoadBalancer<String> lb, String victim, String rule, String when) {
    for (int i = 0; i < PATIENCE; i++) {
      String node = lb.pick();
      lb.onSuccess(node, LATENCY);
      expect(!node.equals(victim), rule, victim + " not picked " + when, victim + " picked after " + i + " picks");
    }
  }

  private void expectPickedAgain(LoadBalancer<String> lb, String victim, String rule, String when) {
    for (int i = 0; i < 10 * PATIENCE; i++) {
      String node = lb.pick();
      lb.onSuccess(node, LATENCY);
      if (node.equals(victim)) {
        return;
      }
    }
    throw violation(rule, victim + " picked again " + when, "not picked in " + 10 * PATIENCE + " picks");
  }

  // ---- 5. Threads ----

  @Test
  @DisplayName("BALANCE-5.1 under 4 threads picking and reporting (5,000 each), every pick is a node of the set and outstanding counts stay exact")
  void countsStayExactUnderThreads() throws Exception {
    NodeSet<String> nodes = nodes(5);
    LoadBalancer<String> lb = newBalancer(spec(nodes));
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    CyclicBarrier holding = new CyclicBarrier(threads + 1);
    CyclicBarrier release = new CyclicBarrier(threads + 1);
    Map<String, Integer> held = new ConcurrentHashMap<>();
    Queue<String> strangers = new ConcurrentLinkedQueue<>();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = random.nextLong();
      work.add(callers.submit(() -> {
        SplittableRandom mine = new SplittableRandom(seed);
        List<String> mineHeld = new ArrayList<>();
        start.await();
        for (int i = 0; i < 5_000; i++) {
          String node = lb.pick();
          if (!nodes.contains(node)) {
            strangers.add(String.valueOf(node));
          }
          mineHeld.add(node);
          if (mineHeld.size() > 3) {
            report(lb, mineHeld.remove(mine.nextInt(mineHeld.size())), mine.nextInt(3));
          }
        }
        mineHeld.forEach(node -> held.merge(node, 1, Integer::sum));
        holding.await();
        release.await();
        for (String node : mineHeld) {
          report(lb, node, mine.nextInt(3));
        }
        return null;
      }));
    }
    awaitBarrier(holding, "BALANCE-5.1");
    expect(strangers.isEmpty(), "BALANCE-5.1", "only nodes of " + nodes, strangers);
    Map<String, Integer> expected = new TreeMap<>();
    Map<String, Integer> seen = new TreeMap<>();
    for (String node : nodes.nodes()) {
      expected.put(node, held.getOrDefault(node, 0));
      seen.put(node, lb.outstanding(node));
    }
    awaitBarrier(release, "BALANCE-5.1");
    for (Future<?> future : work) {
      Outcome<?> outcome = awaitOutcome(future, "BALANCE-5.1", "the threads to finish");
      expect(!outcome.failed(), "BALANCE-5.1", "no exception from picks and reports", outcome);
    }
    expectEqual("BALANCE-5.1", "outstanding per node with each thread holding its last 3 picks", expected, seen);
    Map<String, Integer> after = new TreeMap<>();
    nodes.nodes().forEach(node -> after.put(node, lb.outstanding(node)));
    Map<String, Integer> zeros = new TreeMap<>();
    nodes.nodes().forEach(node -> zeros.put(node, 0));
    expectEqual("BALANCE-5.1", "no request outstanding once all are reported", zeros, after);
  }

  private static void report(LoadBalancer<String> lb, String node, int kind) {
    if (kind == 0) {
      lb.onSuccess(node, LATENCY);
    } else if (kind == 1) {
      lb.onFailure(node, LATENCY);
    } else {
      lb.onCancel(node);
    }
  }

  private void awaitBarrier(CyclicBarrier barrier, String rule) throws Exception {
    try {
      barrier.await(hangGuard().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.BrokenBarrierException e) {
      throw violation(rule, "the threads to reach the check", "they did not within " + hangGuard().toSeconds() + "s: " + e);
    }
  }

  @Test
  @DisplayName("BALANCE-5.2 picks racing updates (3 threads picking, one swapping two sets 100 times) return a node of one of the sets and never throw")
  void picksRacingUpdatesStaySafe() throws Exception {
    NodeSet<String> a = NodeSet.of("n0", "n1", "n2", "n3", "n4");
    NodeSet<String> b = NodeSet.of("n3", "n4", "n5", "n6", "n7");
    LoadBalancer<String> lb = newBalancer(spec(a));
    AtomicBoolean done = new AtomicBoolean();
    Queue<Object> wrong = new ConcurrentLinkedQueue<>();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      work.add(callers.submit(() -> {
        // Bounded, so that on a busy machine the pickers cannot starve the updater for long.
        for (int i = 0; i < 50_000 && !done.get(); i++) {
          try {
            String node = lb.pick();
            if (!a.contains(node) && !b.contains(node)) {
              wrong.add("picked " + node);
            }
            lb.onSuccess(node, LATENCY);
          } catch (RuntimeException e) {
            wrong.add(e);
          }
        }
        return null;
      }));
    }
    Future<?> updater = callers.submit(() -> {
      try {
        for (int i = 0; i < 100; i++) {
          lb.update(i % 2 == 0 ? b : a);
        }
      } finally {
        done.set(true);
      }
      return null;
    });
    // Building a set can take milliseconds (a Maglev table), so the updater gets a longer guard.
    try {
      updater.get(12 * hangGuard().toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw violation("BALANCE-5.2", "100 updates", "still updating after " + 12 * hangGuard().toSeconds() + "s");
    } catch (java.util.concurrent.ExecutionException e) {
      throw violation("BALANCE-5.2", "updates that do not throw", e.getCause());
    }
    work.forEach(future -> awaitOutcome(future, "BALANCE-5.2", "the picking threads to stop"));
    expect(wrong.isEmpty(), "BALANCE-5.2", "only nodes of " + a + " or " + b + ", no exception", wrong.peek());
  }

  // ---- 6. Keys ----

  @Test
  @DisplayName("BALANCE-6.1 a key goes to the same node every time while nothing is outstanding and the set does not change (1,000 keys, 4 rounds)")
  void aKeyKeepsItsNode() {
    requireFeature(LoadBalancerFeature.KEYED);
    LoadBalancer<String> lb = newBalancer(spec(nodes(10)));
    Map<Long, String> home = new HashMap<>();
    long[] keys = random.longs(1_000).toArray();
    for (int round = 0; round < 4; round++) {
      for (long key : keys) {
        String node = lb.pick(key);
        lb.onSuccess(node, LATENCY);
        String first = home.putIfAbsent(key, node);
        expect(first == null || first.equals(node), "BALANCE-6.1", "key " + key + " on " + first + " again",
            node + " in round " + round);
      }
    }
    expect(new HashSet<>(home.values()).size() > 1, "BALANCE-6.1", "keys spread over several nodes", home.values().stream().distinct().count());
  }

  // ---- helpers ----

  private void cycles(LoadBalancer<String> lb, int count) {
    for (int i = 0; i < count; i++) {
      lb.onSuccess(lb.pick(), LATENCY);
    }
  }

  private static NodeSet<String> nodes(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("n" + i);
    }
    return NodeSet.of(names);
  }

  @Override
  protected Object sampleImplementation() {
    return newBalancer(spec(nodes(3)));
  }

  private BalancerSpec spec(NodeSet<String> nodes) {
    return new BalancerSpec(nodes, ticker, 0, BASE, MAX, PERCENT, SEED);
  }

  private BalancerSpec ejectionSpec(NodeSet<String> nodes) {
    return new BalancerSpec(nodes, ticker, CONSECUTIVE, BASE, MAX, PERCENT, SEED);
  }
}
