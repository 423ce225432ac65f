package dev.trestle.core.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The libketama continuum, as memcached clients build it (libketama, libmemcached's
 * MEMCACHED_BEHAVIOR_KETAMA, spymemcached's KetamaNodeLocator): for a node named {@code s}
 * ({@code "host:port"} in those clients), each of {@code ks} MD5 digests of {@code s + "-" + k}
 * yields four points, the little-endian unsigned 32-bit words of the digest. A key's hash is the
 * first little-endian word of the MD5 of its bytes; it goes to the first point at or after it,
 * wrapping to the first point.
 *
 * <p>{@code ks} is {@code pointsPerNode / 4} (40 for the default 160) when all weights are equal;
 * otherwise libketama's formula {@code floor(weight / totalWeight * (pointsPerNode / 4) * n)}, which
 * makes every node's point count depend on the others' weights: with unequal weights an added node
 * can move keys between old nodes, exactly as it does in libketama. One deviation: where that formula
 * gives a node no digest (a weight below about 1/40 of the average), the node gets one digest, four
 * points, so that every node can own keys and {@code nodesFor(key, n)} returns n distinct nodes.
 */
final class KetamaRing<N> extends AbstractRing<N> {

  private final int pointsPerNode;
  private final Continuum continuum;

  KetamaRing(Nodes<N> nodes, int pointsPerNode) {
    super(nodes);
    this.pointsPerNode = pointsPerNode;
    int n = nodes.size();
    int digestsPerNode = pointsPerNode / 4;
    boolean equal = true;
    for (int w : nodes.weights) {
      equal &= w == nodes.weights[0];
    }
    int[] digests = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      // at least one digest: libketama gives a node whose share rounds down to zero no point at all, so it
      // could never be chosen and nodesFor(key, n) would return fewer than n nodes
      digests[i] = equal ? digestsPerNode : Math.max(1, libketamaDigests(nodes.weights[i], nodes.totalWeight, digestsPerNode, n));
      total = Math.addExact(total, digests[i] * 4);
    }
    long[] points = new long[total];
    int[] owners = new int[total];
    MessageDigest md5 = md5();
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < digests[i]; k++) {
        byte[] digest = md5.digest((nodes.names[i] + "-" + k).getBytes(StandardCharsets.UTF_8));
        for (int h = 0; h < 4; h++) {
          points[p] = word(digest, h);
          owners[p++] = i;
        }
      }
    }
    this.continuum = Continuum.sorted(points, owners, 0x1p32);
  }

  /** libketama's {@code floorf(pct * 40.0 * (float) numservers)}, with its float and double steps. */
  private static int libketamaDigests(int weight, long totalWeight, int digestsPerNode, int n) {
    float pct = (float) weight / (float) totalWeight;
    double product = pct * (double) digestsPerNode * (double) (float) n;
    return (int) Math.floor((float) product);
  }

  /** The ketama hash of {@code key}: the first little-endian 32-bit word of its MD5, unsigned. */
  static long ketamaHash(byte[] key) {
    return word(md5().digest(key), 0);
  }

  private static long word(byte[] digest, int h) {
    return ((long) (digest[3 + h * 4] & 0xFF) << 24)
        | ((long) (digest[2 + h * 4] & 0xFF) << 16)
        | ((long) (digest[1 + h * 4] & 0xFF) << 8)
        | (digest[h * 4] & 0xFF);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
    }
  }

  @Override
  public long keyHash(byte[] key) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    return ketamaHash(key);
  }

  @Override
  HashRingBuilder<N> emptyBuilder() {
    return new HashRingBuilder<N>(HashAlgorithm.KETAMA).virtualNodes(pointsPerNode);
  }

  @Override
  public HashAlgorithm algorithm() {
    return HashAlgorithm.KETAMA;
  }

  @Override
  public N nodeFor(long keyHash) {
    nodes.requireNonEmpty();
    return nodes.node(continuum.ownerOf(keyHash & 0xFFFF_FFFFL));
  }

  @Override
  public List<N> nodesFor(long keyHash, int count) {
    nodes.requireCount(count);
    return continuum.walk(keyHash & 0xFFFF_FFFFL, count, nodes);
  }

  double[] arcShares() {
    return continuum.arcShares(nodes.size());
  }
}
