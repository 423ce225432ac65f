package dev.trestle.core.hash;

import java.nio.charset.StandardCharsets;

/**
 * MurmurHash3 x64 128-bit (Austin Appleby, public domain algorithm), the 64-bit key hash of every
 * Trestle ring. {@link #hash64} returns the first 64 bits of the 128-bit result ({@code h1}), the
 * same value as Guava's {@code Hashing.murmur3_128(seed).hashBytes(b).asLong()}.
 *
 * <p>Verified against SMHasher's published verification value for this function (0x6384BA69) and
 * against Guava. Stateless and thread-safe.
 */
public final class Murmur3 {

  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;

  private Murmur3() {}

  /** Returns the 64-bit hash of {@code key} with seed 0. */
  public static long hash64(byte[] key) {
    return hash64(key, 0);
  }

  /** Returns the 64-bit hash of the UTF-8 bytes of {@code key} with seed 0. */
  public static long hash64(CharSequence key) {
    return hash64(key.toString().getBytes(StandardCharsets.UTF_8), 0);
  }

  /** Returns the first 64 bits of the 128-bit hash of {@code key} with {@code seed}. */
  public static long hash64(byte[] key, int seed) {
    return hash128(key, seed)[0];
  }

  /**
   * Returns the 128-bit hash of {@code key} with {@code seed} as {h1, h2}, the two little-endian
   * halves of the 16 bytes the reference implementation writes.
   */
  public static long[] hash128(byte[] key, int seed) {
    if (key == null) {
      throw new NullPointerException("key must not be null");
    }
    long h1 = seed & 0xFFFFFFFFL;
    long h2 = seed & 0xFFFFFFFFL;
    int length = key.length;
    int blocks = length / 16;
    for (int i = 0; i < blocks; i++) {
      long k1 = getLong(key, i * 16);
      long k2 = getLong(key, i * 16 + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27);
      h1 += h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31);
      h2 += h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int tail = blocks * 16;
    switch (length & 15) {
      case 15: k2 ^= (long) (key[tail + 14] & 0xFF) << 48; // fall through
      case 14: k2 ^= (long) (key[tail + 13] & 0xFF) << 40; // fall through
      case 13: k2 ^= (long) (key[tail + 12] & 0xFF) << 32; // fall through
      case 12: k2 ^= (long) (key[tail + 11] & 0xFF) << 24; // fall through
      case 11: k2 ^= (long) (key[tail + 10] & 0xFF) << 16; // fall through
      case 10: k2 ^= (long) (key[tail + 9] & 0xFF) << 8; // fall through
      case 9:
        k2 ^= key[tail + 8] & 0xFF;
        h2 ^= mixK2(k2);
        // fall through
      case 8: k1 ^= (long) (key[tail + 7] & 0xFF) << 56; // fall through
      case 7: k1 ^= (long) (key[tail + 6] & 0xFF) << 48; // fall through
      case 6: k1 ^= (long) (key[tail + 5] & 0xFF) << 40; // fall through
      case 5: k1 ^= (long) (key[tail + 4] & 0xFF) << 32; // fall through
      case 4: k1 ^= (long) (key[tail + 3] & 0xFF) << 24; // fall through
      case 3: k1 ^= (long) (key[tail + 2] & 0xFF) << 16; // fall through
      case 2: k1 ^= (long) (key[tail + 1] & 0xFF) << 8; // fall through
      case 1:
        k1 ^= key[tail] & 0xFF;
        h1 ^= mixK1(k1);
        break;
      default:
        break;
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  /** The 64-bit finaliser of MurmurHash3: a bijective mix with good avalanche, used to derive hashes. */
  public static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long mixK1(long k1) {
    k1 *= C1;
    k1 = Long.rotateLeft(k1, 31);
    return k1 * C2;
  }

  private static long mixK2(long k2) {
    k2 *= C2;
    k2 = Long.rotateLeft(k2, 33);
    return k2 * C1;
  }

  private static long getLong(byte[] b, int i) {
    return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24
        | (b[i + 4] & 0xFFL) << 32 | (b[i + 5] & 0xFFL) << 40 | (b[i + 6] & 0xFFL) << 48 | (b[i + 7] & 0xFFL) << 56;
  }
}
