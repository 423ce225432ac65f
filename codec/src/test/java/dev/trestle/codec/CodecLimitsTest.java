package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodecLimitsTest {

  @Test
  void defaultsAreSixteenMebibytesAndDepth64() {
    assertEquals(16 * 1024 * 1024, CodecLimits.defaults().maxInputBytes());
    assertEquals(64, CodecLimits.defaults().maxDepth());
  }

  @Test
  void aMaxInputBytesBelowOneIsRejectedNamingTheSettingAndValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxInputBytes(0));
    assertTrue(e.getMessage().contains("maxInputBytes") && e.getMessage().contains("0"), e.getMessage());
  }

  @Test
  void aMaxDepthOutsideItsRangeIsRejectedNamingTheRange() {
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxDepth(7));
    assertTrue(low.getMessage().contains("maxDepth must be in [8, 10000] but was 7"), low.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxDepth(10_001));
  }

  @Test
  void maxNumberLengthDefaultsTo1000AndOutsideItsRangeIsRejectedNamingTheRange() {
    assertEquals(1000, CodecLimits.defaults().maxNumberLength());
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxNumberLength(31));
    assertTrue(low.getMessage().contains("maxNumberLength must be in [32, 100000] characters but was 31"), low.getMessage());
    assertThrows(IllegalArgumentException.class, () -> CodecLimits.builder().maxNumberLength(100_001));
    assertEquals(32, CodecLimits.builder().maxNumberLength(32).build().maxNumberLength());
  }

  @Test
  void theSmallestNumberLengthStillHoldsEveryDataset() {
    CodecLimits tight = CodecLimits.builder().maxNumberLength(CodecLimits.MIN_NUMBER_LENGTH).build();
    for (Format format : Format.values()) {
      for (Dataset<?> dataset : Dataset.all()) {
        roundTrip(format, dataset, tight);
      }
    }
  }

  @Test
  void theSmallestDepthStillHoldsEveryDataset() {
    CodecLimits tight = CodecLimits.builder().maxDepth(CodecLimits.MIN_DEPTH).build();
    for (Format format : Format.values()) {
      for (Dataset<?> dataset : Dataset.all()) {
        roundTrip(format, dataset, tight);
      }
    }
  }

  private static <T> void roundTrip(Format format, Dataset<T> dataset, CodecLimits limits) {
    Codec<T> codec = Codecs.of(format, dataset, limits);
    T value = dataset.reference();
    assertEquals(value, codec.decode(codec.encode(value)), format + " " + dataset);
  }
}
