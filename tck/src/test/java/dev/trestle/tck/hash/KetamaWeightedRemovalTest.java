package dev.trestle.tck.hash;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.tck.KitSelfTest;
import dev.trestle.tck.KitSelfTest.RuleRun;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Trestle's KETAMA ring is excused from HASH-3.5 for one cause, libketama's own: a node gets
 * {@code floor(weight / totalWeight * 40 * n)} digests, so removing a weighted node re-proportions
 * every node's points and moves keys between the others. HASH-7.1 (libketama compatibility)
 * requires that formula. Run without the excuse, the rule must keep failing.
 */
class KetamaWeightedRemovalTest {

  static final Map<String, String> DEVIATIONS = Map.of("HASH-3.5",
      "libketama gives a node floor(weight / totalWeight * 40 * n) digests, so with unequal weights removing a node "
          + "changes every node's digest count and moves keys between the others (compatibility, HASH-7.1, needs that formula)");

  /** The KETAMA ring with no rule excused; run only through {@link KitSelfTest}. */
  static final class KetamaAsIs extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return TrestleHashRingConformanceTest.build(HashAlgorithm.KETAMA, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.allOf(HashRingFeature.class);
    }
  }

  @Test
  void ketamaStillMovesOtherKeysWhenAWeightedNodeLeaves() {
    RuleRun run = KitSelfTest.run(KetamaAsIs.class, "HASH-3.5");
    assertTrue(run.failed && run.message.contains("only keys of the removed"), run.toString());
  }
}
