package dev.trestle.core.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Murmur3Test {

  /**
   * SMHasher's VerificationTest: hash keys {0}, {0,1}, ..., {0..254} with seed 256 - length, write
   * the 16-byte results one after another, hash that with seed 0; the first four bytes, read little
   * endian, are the published verification value 0x6384BA69 for MurmurHash3_x64_128.
   */
  @Test
  void matchesTheSmhasherVerificationValue() {
    byte[] key = new byte[256];
    byte[] hashes = new byte[256 * 16];
    for (int i = 0; i < 256; i++) {
      key[i] = (byte) i;
      byte[] prefix = java.util.Arrays.copyOf(key, i);
      long[] h = Murmur3.hash128(prefix, 256 - i);
      putLong(hashes, i * 16, h[0]);
      putLong(hashes, i * 16 + 8, h[1]);
    }
    long[] result = Murmur3.hash128(hashes, 0);
    int verification = (int) result[0];
    assertEquals(0x6384BA69, verification);
  }

  @Test
  void knownValues() {
    // murmur3_x64_128 of the empty input with seed 0 is all zero bytes.
    assertEquals(0L, Murmur3.hash64(new byte[0]));
    assertEquals(Murmur3.hash64("hello".getBytes(StandardCharsets.UTF_8)), Murmur3.hash64("hello"));
  }

  private static void putLong(byte[] b, int at, long v) {
    for (int i = 0; i < 8; i++) {
      b[at + i] = (byte) (v >>> (8 * i));
    }
  }
}
