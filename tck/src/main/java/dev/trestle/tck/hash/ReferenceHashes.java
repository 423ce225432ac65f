package dev.trestle.tck.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The published hash functions the kit's known-answer rules (HASH-7.2, 10.1, 10.2) compare rings
 * with, written here from their reference descriptions and never from Trestle's code, so that a
 * change to Trestle's hashing cannot change what the kit expects:
 *
 * <ul>
 *   <li>MurmurHash3_x64_128 (Austin Appleby's {@code MurmurHash3.cpp}, SMHasher), first 64 bits;
 *       the kit's self-test checks it against SMHasher's verification value 0x6384BA69 and Guava;
 *   <li>libketama's MD5 words ({@code ketama.c}: {@code ketama_hashi} and the four points of each
 *       digest);
 *   <li>Lamping and Veach's jump consistent hash (arXiv:1406.2294, the C++ function of the paper),
 *       checked in the self-test against Guava's {@code Hashing.consistentHash}.
 * </ul>
 *
 * Stateless and thread-safe.
 */
final class ReferenceHashes {

  private ReferenceHashes() {}

  /** MurmurHash3_x64_128 of {@code data} with {@code seed}, as {h1, h2} (the 16 output bytes, little-endian halves). */
  static long[] murmur3x64x128(byte[] data, int seed) {
    final long c1 = 0x87c37b91114253d5L;
    final long c2 = 0x4cf5ad432745937fL;
    long h1 = seed & 0xFFFF_FFFFL; // the C code takes a uint32_t seed
    long h2 = seed & 0xFFFF_FFFFL;
    int nblocks = data.length / 16;
    for (int i = 0; i < nblocks; i++) {
      long k1 = littleEndian(data, i * 16, 8);
      long k2 = littleEndian(data, i * 16 + 8, 8);
      k1 *= c1; k1 = Long.rotateLeft(k1, 31); k1 *= c2; h1 ^= k1;
      h1 = Long.rotateLeft(h1, 27); h1 += h2; h1 = h1 * 5 + 0x52dce729;
      k2 *= c2; k2 = Long.rotateLeft(k2, 33); k2 *= c1; h2 ^= k2;
      h2 = Long.rotateLeft(h2, 31); h2 += h1; h2 = h2 * 5 + 0x38495ab5;
    }
    int tail = nblocks * 16;
    int rest = data.length - tail;
    if (rest > 8) {
      long k2 = littleEndian(data, tail + 8, rest - 8);
      k2 *= c2; k2 = Long.rotateLeft(k2, 33); k2 *= c1; h2 ^= k2;
    }
    if (rest > 0) {
      long k1 = littleEndian(data, tail, Math.min(rest, 8));
      k1 *= c1; k1 = Long.rotateLeft(k1, 31); k1 *= c2; h1 ^= k1;
    }
    h1 ^= data.length;
    h2 ^= data.length;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    return new long[] {h1, h2};
  }

  /** The first 64 bits of MurmurHash3_x64_128 with seed 0. */
  static long murmur3(byte[] data) {
    return murmur3x64x128(data, 0)[0];
  }

  /** The first 64 bits of MurmurHash3_x64_128 with seed 0 of the UTF-8 bytes of {@code text}. */
  static long murmur3(String text) {
    return murmur3(text.getBytes(StandardCharsets.UTF_8));
  }

  /** MurmurHash3's 64-bit finaliser {@code fmix64}. */
  static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  /** {@code count} bytes (at most 8) from {@code offset} as a little-endian number. */
  private static long littleEndian(byte[] data, int offset, int count) {
    long value = 0;
    for (int i = count - 1; i >= 0; i--) {
      value = value << 8 | (data[offset + i] & 0xFF);
    }
    return value;
  }

  /** The MD5 digest of {@code data}. */
  static byte[] md5(byte[] data) {
    try {
      return MessageDigest.getInstance("MD5").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no MD5, which every Java platform must provide", e);
    }
  }

  /** libketama's point {@code h} (0 to 3) of a digest: bytes 4h..4h+3, little-endian, unsigned. */
  static long ketamaWord(byte[] digest, int h) {
    return littleEndian(digest, h * 4, 4);
  }

  /** libketama's key hash ({@code ketama_hashi}): the first little-endian word of the key's MD5. */
  static long ketamaHash(byte[] key) {
    return ketamaWord(md5(key), 0);
  }

  /** Lamping and Veach's jump consistent hash: the bucket in [0, buckets) of {@code key}. */
  static int jump(long key, int buckets) {
    long b = -1;
    long j = 0;
    while (j < buckets) {
      b = j;
      key = key * 2862933555777941757L + 1;
      j = (long) ((b + 1) * ((double) (1L << 31) / (double) ((key >>> 33) + 1)));
    }
    return (int) b;
  }
}
