package dev.trestle.tck.hash;

import com.google.common.hash.Hashing;
import dev.trestle.core.hash.HashAlgorithm;
import dev.trestle.core.hash.HashRing;
import dev.trestle.core.hash.Murmur3;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Guava's {@code Hashing.consistentHash(long, int)} behind Trestle's {@link HashRing}: buckets are
 * the nodes in the order they were added, only the last can be removed, no weights. Guava has no
 * preference lists; this adapter draws them by re-hashing the key until enough distinct buckets
 * come up, as Trestle's jump ring does.
 */
final class GuavaConsistentHashRing implements HashRing<String> {

  private final List<String> buckets;

  GuavaConsistentHashRing(List<String> buckets) {
    if (new LinkedHashSet<>(buckets).size() != buckets.size()) {
      throw new IllegalArgumentException("duplicate node in " + buckets);
    }
    this.buckets = List.copyOf(buckets);
  }

  @Override
  public String nodeFor(long keyHash) {
    requireNonEmpty();
    return buckets.get(Hashing.consistentHash(keyHash, buckets.size()));
  }

  @Override
  public List<String> nodesFor(long keyHash, int count) {
    requireNonEmpty();
    if (count < 1 || count > buckets.size()) {
      throw new IllegalArgumentException("count must be between 1 and " + buckets.size() + ", was " + count);
    }
    List<String> result = new ArrayList<>(count);
    long hash = keyHash;
    while (result.size() < count) {
      String node = buckets.get(Hashing.consistentHash(hash, buckets.size()));
      if (!result.contains(node)) {
        result.add(node);
      }
      hash = Murmur3.fmix64(hash + 0x9E3779B97F4A7C15L);
    }
    return result;
  }

  private void requireNonEmpty() {
    if (buckets.isEmpty()) {
      throw new IllegalStateException("the ring has no nodes");
    }
  }

  @Override
  public Set<String> nodes() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(buckets));
  }

  @Override
  public int weight(String node) {
    if (!buckets.contains(node)) {
      throw new IllegalArgumentException("the ring holds no node " + node);
    }
    return 1;
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.JUMP;
  }

  @Override
  public HashRing<String> with(String node, int weight) {
    if (node == null) {
      throw new NullPointerException("node must not be null");
    }
    if (weight != 1) {
      throw new IllegalArgumentException("Guava's consistentHash takes no weights: weight must be 1, was " + weight);
    }
    List<String> grown = new ArrayList<>(buckets);
    grown.add(node);
    return new GuavaConsistentHashRing(grown);
  }

  @Override
  public HashRing<String> without(String node) {
    if (buckets.isEmpty() || !buckets.get(buckets.size() - 1).equals(node)) {
      throw new IllegalArgumentException("only the last bucket can be removed, not " + node);
    }
    return new GuavaConsistentHashRing(buckets.subList(0, buckets.size() - 1));
  }
}
