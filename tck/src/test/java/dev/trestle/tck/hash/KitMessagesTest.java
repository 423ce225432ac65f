package dev.trestle.tck.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import dev.trestle.tck.hash.FaultyRing.Fault;
import dev.trestle.tck.internal.RuleBook;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What a kit's messages say, shown on the HASH kit: the implementation is named after its class
 * unless the kit subclass says otherwise, a failure quotes its rule's line from RULES.md and says
 * where the full rule is, and a wait that outlasts {@code hangGuard()} says so instead of calling
 * it a violation.
 */
class KitMessagesTest {

  /** A ring given by its factory, no name of its own: the messages must say FaultyRing. */
  abstract static class Unnamed extends HashRingTck {
    private final Fault fault;

    Unnamed(Fault fault) {
      this.fault = fault;
    }

    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      Map<String, Integer> weights = new LinkedHashMap<>();
      for (String node : spec.nodes()) {
        weights.put(node, spec.weight(node));
      }
      return new FaultyRing(fault, weights);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.complementOf(EnumSet.of(HashRingFeature.KETAMA));
    }
  }

  static final class ModuloKit extends Unnamed { ModuloKit() { super(Fault.MODULO); } }

  /** A correct ring whose lookups off the test's own thread never return until interrupted. */
  static final class SlowKit extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      Map<String, Integer> weights = new LinkedHashMap<>();
      for (String node : spec.nodes()) {
        weights.put(node, spec.weight(node));
      }
      return new SlowRing(new FaultyRing(null, weights), Thread.currentThread());
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.noneOf(HashRingFeature.class);
    }

    @Override
    protected Duration hangGuard() {
      return Duration.ofSeconds(1);
    }
  }

  @Test
  void aFailureNamesTheImplementationClassAndQuotesTheRule() {
    RuleRun run = KitSelfTest.run(ModuloKit.class, "HASH-3.1");
    assertTrue(run.failed, run.toString());
    assertTrue(run.message.startsWith("HASH-3.1 violated by FaultyRing: expected "), run.message);
    String text = RuleBook.standard().text("HASH-3.1").orElseThrow();
    assertTrue(run.message.contains("\n  rule HASH-3.1: " + text), run.message);
    assertTrue(run.message.contains(RuleBook.RESOURCE), run.message);
  }

  @Test
  void aSkipBeforeTheFactoryRanStillNamesTheImplementationClass() {
    RuleRun run = KitSelfTest.run(ModuloKit.class, "HASH-7.1");
    assertTrue(run.skipped, run.toString());
    assertTrue(run.message.contains("FaultyRing does not declare KETAMA"), run.message);
  }

  @Test
  void aSlowRingFailsOnTheHangGuardNotAsAViolation() {
    RuleRun run = KitSelfTest.run(SlowKit.class, "HASH-9.1");
    assertTrue(run.failed, run.toString());
    assertTrue(run.message.startsWith("HASH-9.1 not decided for SlowRing: took longer than 1 s (hangGuard()) waiting for "),
        run.message);
    assertFalse(run.message.contains("violated"), run.message);
  }

  @Test
  void theRuleBookInTheJarHasEveryRuleOfRulesMd() {
    Map<String, String> rules = RuleBook.standard().all();
    assertTrue(rules.size() > 200, "rules read: " + rules.size());
    assertEquals("Lookups from four threads at once give exactly the answers one thread gets.", rules.get("HASH-9.1"));
    for (String rule : KitSelfTest.ruleIds(HashRingTck.class)) {
      assertTrue(rules.containsKey(rule), rule + " is not in " + RuleBook.RESOURCE);
    }
  }

  /** Delegates to a correct ring; lookups on any thread but the owner's wait until interrupted. */
  static final class SlowRing implements HashRing<String> {
    private final HashRing<String> ring;
    private final Thread owner;

    SlowRing(HashRing<String> ring, Thread owner) {
      this.ring = ring;
      this.owner = owner;
    }

    private void stall() {
      if (Thread.currentThread() != owner) {
        try {
          new CountDownLatch(1).await(); // the kit's shutdownNow() interrupts it
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
    }

    @Override
    public String nodeFor(long keyHash) {
      stall();
      return ring.nodeFor(keyHash);
    }

    @Override
    public List<String> nodesFor(long keyHash, int count) {
      stall();
      return ring.nodesFor(keyHash, count);
    }

    @Override
    public long keyHash(byte[] key) {
      return ring.keyHash(key);
    }

    @Override
    public Set<String> nodes() {
      return ring.nodes();
    }

    @Override
    public int weight(String node) {
      return ring.weight(node);
    }

    @Override
    public HashAlgorithm algorithm() {
      return ring.algorithm();
    }

    @Override
    public HashRing<String> with(String node, int weight) {
      return new SlowRing(ring.with(node, weight), owner);
    }

    @Override
    public HashRing<String> without(String node) {
      return new SlowRing(ring.without(node), owner);
    }
  }
}
