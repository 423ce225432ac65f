package dev.trestle.core.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.ManualTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What is specific to Trestle's balancer; the contract itself is checked by LoadBalancerTck. */
class LoadBalancerTest {

  private final ManualTicker ticker = new ManualTicker();

  private LoadBalancer<String> balancer(BalancingAlgorithm algorithm, NodeSet<String> nodes) {
    return LoadBalancer.of(nodes, LoadBalancerConfig.builder().algorithm(algorithm).ticker(ticker).seed(7).build());
  }

  @Test
  void smoothWeightedRoundRobinInterleavesAsNginxDoes() {
    NodeSet<String> nodes = NodeSet.<String>builder().node("a", 5).node("b", 1).node("c", 1).build();
    LoadBalancer<String> lb = balancer(BalancingAlgorithm.WEIGHTED_ROUND_ROBIN, nodes);
    StringBuilder order = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      String node = lb.pick();
      order.append(node);
      lb.onSuccess(node, 1);
    }
    // nginx's documented sequence for weights 5, 1, 1, twice
    assertEquals("aabacaaaabacaa", order.toString());
  }

  @Test
  void roundRobinTakesEachNodeInTurn() {
    LoadBalancer<String> lb = balancer(BalancingAlgorithm.ROUND_ROBIN, NodeSet.of("a", "b", "c"));
    List<String> picks = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      picks.add(lb.pick());
    }
    assertEquals(List.of("a", "b", "c", "a", "b", "c"), picks);
    assertEquals(2, lb.outstanding("a"));
  }

  @Test
  void peakEwmaMovesTrafficAwayFromASlowNodeAndBackWhenItRecovers() {
    LoadBalancer<String> lb = balancer(BalancingAlgorithm.PEAK_EWMA, NodeSet.of("fast", "slow"));
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      String node = lb.pick();
      picks.merge(node, 1, Integer::sum);
      ticker.advance(1, TimeUnit.MILLISECONDS);
      lb.onSuccess(node, node.equals("slow") ? 50_000_000 : 5_000_000);
    }
    assertTrue(picks.getOrDefault("slow", 0) < 150, picks.toString());
    // The estimate decays: after a quiet minute the old peak no longer keeps the node out, and once
    // it answers faster than the other it takes most of the traffic.
    ticker.advance(Duration.ofMinutes(1));
    picks.clear();
    for (int i = 0; i < 200; i++) {
      String node = lb.pick();
      picks.merge(node, 1, Integer::sum);
      lb.onSuccess(node, node.equals("slow") ? 4_000_000 : 5_000_000);
      ticker.advance(1, TimeUnit.MILLISECONDS);
    }
    assertTrue(picks.getOrDefault("slow", 0) > 100, picks.toString());
  }

  @Test
  void aNodeWithRequestsOutButNoResponseIsNotFloodedByPeakEwma() {
    LoadBalancer<String> lb = balancer(BalancingAlgorithm.PEAK_EWMA, NodeSet.of("a", "b"));
    String first = lb.pick(); // out with no response yet: it costs a penalty, any answered node less
    for (int i = 0; i < 20; i++) {
      String other = lb.pick();
      assertNotEquals(first, other);
      lb.onSuccess(other, 1_000_000_000);
    }
  }

  @Test
  void ejectionBacksOffLongerEachTimeAndForgetsWhileHealthy() {
    LoadBalancer<String> lb = LoadBalancer.of(NodeSet.of("a", "b", "c", "d"), LoadBalancerConfig.builder()
        .algorithm(BalancingAlgorithm.ROUND_ROBIN).consecutiveFailures(3)
        .baseEjectionTime(Duration.ofSeconds(10)).maxEjectionTime(Duration.ofSeconds(25)).ticker(ticker).build());
    failThrice(lb, "a");
    assertTrue(lb.isEjected("a"));
    ticker.advance(Duration.ofSeconds(10));
    assertFalse(lb.isEjected("a"));
    failThrice(lb, "a");
    ticker.advance(Duration.ofSeconds(19));
    assertTrue(lb.isEjected("a"), "second ejection lasts 2 x 10 s");
    ticker.advance(Duration.ofSeconds(1));
    assertFalse(lb.isEjected("a"));
    failThrice(lb, "a");
    ticker.advance(Duration.ofSeconds(24));
    assertTrue(lb.isEjected("a"), "third lasts 30 s capped at 25 s");
    ticker.advance(Duration.ofSeconds(1));
    assertFalse(lb.isEjected("a"));
    ticker.advance(Duration.ofSeconds(30)); // three base times healthy forget all three ejections
    failThrice(lb, "a");
    ticker.advance(Duration.ofSeconds(10));
    assertFalse(lb.isEjected("a"));
  }

  private static void failThrice(LoadBalancer<String> lb, String node) {
    for (int i = 0; i < 3; i++) {
      lb.onFailure(node, 1);
    }
  }

  @Test
  void boundedLoadHashingKeepsAKeyOnItsNodeUntilTheNodeIsFull() {
    NodeSet<String> nodes = NodeSet.of("a", "b", "c", "d");
    LoadBalancer<String> lb = LoadBalancer.of(nodes, LoadBalancerConfig.builder()
        .algorithm(BalancingAlgorithm.BOUNDED_LOAD_HASH).loadFactor(0.25).ticker(ticker).build());
    String home = lb.pick("user:1");
    lb.onSuccess(home, 1);
    assertEquals(home, lb.pick("user:1"));
    lb.onSuccess(home, 1);
    Map<String, Integer> held = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      held.merge(lb.pick("user:1"), 1, Integer::sum); // a hot key, all held
    }
    // capacity ceil(1.25 x (total + 1) / 4): no node ends above ceil(1.25 x 100 / 4) = 32
    for (int load : held.values()) {
      assertTrue(load <= 32, held.toString());
    }
    assertEquals(4, held.size(), "the hot key spilled over every node");
  }

  @Test
  void maglevSendsAKeyToTheSameNodeAndAroundAnEjectedOne() {
    LoadBalancer<String> lb = LoadBalancer.of(NodeSet.of("a", "b", "c"), LoadBalancerConfig.builder()
        .algorithm(BalancingAlgorithm.MAGLEV).consecutiveFailures(1).ticker(ticker).build());
    String home = lb.pick("k");
    lb.onFailure(home, 1);
    assertTrue(lb.isEjected(home));
    String other = lb.pick("k");
    assertNotEquals(home, other);
    lb.onSuccess(other, 1);
    ticker.advance(LoadBalancerConfig.DEFAULT_BASE_EJECTION_TIME);
    assertEquals(home, lb.pick("k"));
  }

  @Test
  void anUpdateKeepsWhatWasLearnedAboutTheNodesThatStay() {
    LoadBalancer<String> lb = balancer(BalancingAlgorithm.LEAST_OUTSTANDING, NodeSet.of("a", "b"));
    String held = lb.pick();
    lb.update(NodeSet.of("a", "b", "c"));
    assertEquals(1, lb.outstanding(held));
    lb.update(NodeSet.of("c"));
    assertEquals("c", lb.pick());
    lb.onSuccess(held, 1); // a late report for a removed node is ignored
    assertEquals(0, lb.outstanding(held));
  }

  @Test
  void anEmptySetHasNothingToPick() {
    LoadBalancer<String> lb = balancer(BalancingAlgorithm.RANDOM, NodeSet.empty());
    IllegalStateException e = assertThrows(IllegalStateException.class, lb::pick);
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void badArgumentsAreRejectedNamingTheSetting() {
    LoadBalancerConfig.Builder builder = LoadBalancerConfig.builder();
    assertEquals("consecutiveFailures must be 0 (off) or more, was -1",
        assertThrows(IllegalArgumentException.class, () -> builder.consecutiveFailures(-1)).getMessage());
    assertEquals("maxEjectionPercent must be between 0 and 100, was 101",
        assertThrows(IllegalArgumentException.class, () -> builder.maxEjectionPercent(101)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> builder.loadFactor(0));
    assertThrows(IllegalArgumentException.class, () -> builder.decayTime(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.ring(dev.trestle.core.hash.HashAlgorithm.JUMP));
    assertThrows(IllegalArgumentException.class, () -> LoadBalancerConfig.builder()
        .baseEjectionTime(Duration.ofSeconds(10)).maxEjectionTime(Duration.ofSeconds(5)).build());
    assertThrows(IllegalArgumentException.class, () -> NodeSet.of("a", "a"));
    assertThrows(IllegalArgumentException.class, () -> NodeSet.<String>builder().node("a", 0));
    LoadBalancer<String> lb = balancer(BalancingAlgorithm.RANDOM, NodeSet.of("a"));
    assertThrows(IllegalArgumentException.class, () -> lb.onSuccess("a", -1));
    assertThrows(NullPointerException.class, () -> lb.onFailure(null, 1));
  }

  @Test
  void nodeSetsAreValuesBuiltByCopy() {
    NodeSet<String> set = NodeSet.of("a", "b");
    NodeSet<String> heavier = set.with("b", 3).with("c", 1);
    assertEquals(List.of("a", "b"), set.nodes());
    assertEquals(List.of("a", "b", "c"), heavier.nodes());
    assertEquals(3, heavier.weight("b"));
    assertEquals(5, heavier.totalWeight());
    assertEquals(List.of("a", "c"), heavier.without("b").nodes());
    assertEquals("NodeSet[a, bx3, c]", heavier.toString());
  }
}
