package dev.trestle.tck.hash;

import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.HashRingBuilder;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Nested;

/**
 * Every Trestle ring against the kit, each with the bounds it declares in {@link HashAlgorithm}'s
 * documentation and, for HASH-10.2, the placement its class documents, written here with the kit's
 * reference MurmurHash3 ({@link ReferenceHashes}), never with Trestle's code.
 */
class TrestleHashRingConformanceTest {

  /** The golden-ratio step of Trestle's virtual-node points and jump re-hashes. */
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  static HashRing<String> build(HashAlgorithm algorithm, RingSpec spec) {
    HashRingBuilder<String> builder = HashRing.builder(algorithm);
    for (String node : spec.nodes()) {
      // chained as callers chain them, so a setter that returned null would show
      builder = spec.weight(node) == 1 ? builder.node(node) : builder.node(node, spec.weight(node));
    }
    return builder.build();
  }

  /** The kit's MurmurHash3 of each node name, kept: the reference scores every node for every hash. */
  private static final java.util.Map<String, Long> NAME_HASHES = new java.util.concurrent.ConcurrentHashMap<>();

  /** Trestle's rendezvous score: {@code -weight / ln(u)}, u from the top 53 bits of fmix64(keyHash ^ nameHash), centred. */
  static double rendezvousScore(long keyHash, String node, int weight) {
    long mixed = ReferenceHashes.fmix64(keyHash ^ NAME_HASHES.computeIfAbsent(node, ReferenceHashes::murmur3));
    double u = ((mixed >>> 11) + 0.5) / (double) (1L << 53);
    return -weight / Math.log(u);
  }

  static final EnumSet<HashRingFeature> KNOWN_ANSWERS = EnumSet.of(HashRingFeature.MURMUR3_KEYS, HashRingFeature.REFERENCE_PLACEMENT);

  static Set<HashRingFeature> with(Set<HashRingFeature> features, Set<HashRingFeature> more) {
    Set<HashRingFeature> all = EnumSet.noneOf(HashRingFeature.class);
    all.addAll(features);
    all.addAll(more);
    return all;
  }

  @Nested
  class VirtualNodes extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.VIRTUAL_NODES, spec);
    }

    /** Point j of a node is fmix64(murmur3(name) + j x golden), 160 per unit of weight. */
    @Override
    protected RingReference reference() {
      return RingReference.continuum((node, weight) -> {
        long[] points = new long[HashRingBuilder.DEFAULT_VIRTUAL_NODES * weight];
        long base = ReferenceHashes.murmur3(node);
        for (int j = 0; j < points.length; j++) {
          points[j] = ReferenceHashes.fmix64(base + j * GOLDEN);
        }
        return points;
      });
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.complementOf(EnumSet.of(HashRingFeature.KETAMA));
    }

    @Override
    protected double peakToMeanBound() {
      return 1.35;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.3;
    }

    @Override
    protected double weightTolerance() {
      return 1.1;
    }
  }

  @Nested
  class Ketama extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.KETAMA, spec);
    }

    /** Everything but MurmurHash3 keys and a declared reference: ketama's keys are MD5, and HASH-7.2 is its reference. */
    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.complementOf(KNOWN_ANSWERS);
    }

    @Override
    protected double peakToMeanBound() {
      return 1.35;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.3;
    }

    @Override
    protected double weightTolerance() {
      return 1.1;
    }

    @Override
    protected java.util.Map<String, String> knownDeviations() {
      return KetamaWeightedRemovalTest.DEVIATIONS;
    }
  }

  @Nested
  class Rendezvous extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.RENDEZVOUS, spec);
    }

    @Override
    protected RingReference reference() {
      return RingReference.rendezvous(TrestleHashRingConformanceTest::rendezvousScore);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return EnumSet.complementOf(EnumSet.of(HashRingFeature.KETAMA));
    }

    @Override
    protected double peakToMeanBound() {
      return 1.15;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.1;
    }

    @Override
    protected double weightTolerance() {
      return 1.05;
    }
  }

  @Nested
  class Maglev extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.MAGLEV, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return with(EnumSet.of(HashRingFeature.ORDER_INDEPENDENT, HashRingFeature.ARBITRARY_REMOVAL, HashRingFeature.WEIGHTS), KNOWN_ANSWERS);
    }

    /**
     * The default table; offset murmur3(name) mod M, skip fmix64(murmur3(name) ^ 0x5bd1e9955bd1e995) mod (M - 1) + 1;
     * preference lists after the first node in rendezvous order.
     */
    @Override
    protected RingReference reference() {
      return RingReference.maglev(HashRingBuilder.DEFAULT_MAGLEV_TABLE, (node, m) -> {
        long h1 = ReferenceHashes.murmur3(node);
        long h2 = ReferenceHashes.fmix64(h1 ^ 0x5bd1e9955bd1e995L);
        return new long[] {Long.remainderUnsigned(h1, m), Long.remainderUnsigned(h2, m - 1) + 1};
      }, TrestleHashRingConformanceTest::rendezvousScore);
    }

    @Override
    protected double peakToMeanBound() {
      return 1.15;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.3;
    }

    @Override
    protected double weightTolerance() {
      return 1.05;
    }
  }

  @Nested
  class Jump extends HashRingTck {
    @Override
    protected HashRing<String> newRing(RingSpec spec) {
      return build(HashAlgorithm.JUMP, spec);
    }

    @Override
    protected Set<HashRingFeature> features() {
      return with(EnumSet.of(HashRingFeature.MONOTONE), KNOWN_ANSWERS);
    }

    /** Preference lists re-hash with fmix64(h + golden). */
    @Override
    protected RingReference reference() {
      return RingReference.jump(h -> ReferenceHashes.fmix64(h + GOLDEN));
    }

    @Override
    protected double peakToMeanBound() {
      return 1.15;
    }

    @Override
    protected double movedFractionFactor() {
      return 1.1;
    }
  }
}
