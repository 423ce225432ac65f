package dev.trestle.tck.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The kit's reference hashes checked against published values and an independent library, so that
 * the known-answer rules (HASH-7.2, 10.1, 10.2) compare rings with the real algorithms.
 */
class ReferenceHashesTest {

  /**
   * SMHasher's verification of MurmurHash3_x64_128: hash the keys {0}, {0, 1}, ... of 0 to 255 bytes
   * with seed 256 - length, hash the 256 results (16 bytes each) with seed 0, and read the first
   * four bytes little-endian: 0x6384BA69 (SMHasher's main.cpp, "MurmurHash3_x64_128").
   */
  @Test
  void murmur3MatchesSmhashersVerificationValue() {
    byte[] key = new byte[256];
    ByteBuffer hashes = ByteBuffer.allocate(16 * 256).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 256; i++) {
      key[i] = (byte) i;
      byte[] prefix = java.util.Arrays.copyOf(key, i);
      long[] h = ReferenceHashes.murmur3x64x128(prefix, 256 - i);
      hashes.putLong(h[0]).putLong(h[1]);
    }
    long[] last = ReferenceHashes.murmur3x64x128(hashes.array(), 0);
    assertEquals(0x6384BA69, (int) last[0]);
  }

  @Test
  void murmur3MatchesGuavaOnEveryLengthAndRandomKeys() {
    SplittableRandom random = new SplittableRandom(14);
    for (int length = 0; length < 200; length++) {
      for (int round = 0; round < 5; round++) {
        byte[] key = new byte[length];
        random.nextBytes(key);
        int seed = round * 7;
        assertEquals(Hashing.murmur3_128(seed).hashBytes(key).asLong(), ReferenceHashes.murmur3x64x128(key, seed)[0]);
      }
    }
    for (String text : List.of("", "a", "ключ", "😀", "10.0.0.1:11211")) {
      assertEquals(Hashing.murmur3_128().hashString(text, java.nio.charset.StandardCharsets.UTF_8).asLong(), ReferenceHashes.murmur3(text));
    }
  }

  /** Guava's consistentHash is Lamping and Veach's jump hash; the kit's must agree with it everywhere. */
  @Test
  void jumpMatchesGuavasConsistentHash() {
    SplittableRandom random = new SplittableRandom(2014);
    for (int i = 0; i < 20_000; i++) {
      long key = random.nextLong();
      int buckets = 1 + random.nextInt(i % 2 == 0 ? 200 : 1_000_000);
      assertEquals(Hashing.consistentHash(key, buckets), ReferenceHashes.jump(key, buckets), "key " + key + ", " + buckets + " buckets");
    }
  }

  /** libketama's key hash of "dustin" and friends is fixed by HASH-7.1's spymemcached vectors; here its word order. */
  @Test
  void ketamaWordsAreLittleEndian() {
    byte[] digest = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, (byte) 0xFD, (byte) 0xFE, (byte) 0xFF, 0x7F};
    assertEquals(0x04030201L, ReferenceHashes.ketamaWord(digest, 0));
    assertEquals(0x7FFFFEFDL, ReferenceHashes.ketamaWord(digest, 3));
  }

  /** HASH-7.2's shared point: 10.0.2.161:11211 (digest 8, word 1) and 10.0.2.53:11211 (digest 38, word 3). */
  @Test
  void theKetamaRuleSharedPointIsShared() {
    long a = ReferenceHashes.ketamaWord(ReferenceHashes.md5("10.0.2.161:11211-8".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1);
    long b = ReferenceHashes.ketamaWord(ReferenceHashes.md5("10.0.2.53:11211-38".getBytes(java.nio.charset.StandardCharsets.UTF_8)), 3);
    assertEquals(3152960057L, a);
    assertEquals(a, b);
    assertTrue("10.0.2.161:11211".compareTo("10.0.2.53:11211") < 0);
  }
}
