package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RoundTripTest {

  @ParameterizedTest
  @EnumSource(Format.class)
  void everyDatasetRoundTripsInEveryFormatThroughBothPaths(Format format) {
    for (Dataset<?> dataset : Dataset.all()) {
      roundTrip(format, dataset);
    }
  }

  private static <T> void roundTrip(Format format, Dataset<T> dataset) {
    Codec<T> codec = Codecs.of(format, dataset);
    List<T> values = new ArrayList<>(dataset.generate(7, 20));
    values.add(dataset.reference());
    for (T value : values) {
      byte[] bytes = codec.encode(value);
      assertEquals(value, codec.decode(bytes), () -> format + " " + dataset + ": " + new String(bytes, StandardCharsets.UTF_8));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      codec.encode(value, out);
      assertArrayEquals(bytes, out.toByteArray());
      assertEquals(value, codec.decode(new ByteArrayInputStream(bytes)));
    }
  }
}
