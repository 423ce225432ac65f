package dev.trestle.benchmarks.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.benchmarks.Claim;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireSizeExperimentTest {

  private static SizeTable table(long protobufRaw, long protobufGzip) {
    return new SizeTable("d", List.of(new WireSize("protobuf", 10, protobufRaw, protobufGzip),
        new WireSize("json", 10, 2000, 800), new WireSize("protobuf-json", 10, 2100, 820), new WireSize("xml", 10, 3000, 900)));
  }

  @Test
  void theOrderClaimsHoldOnlyWhenProtobufIsSmallerThanJsonAndJsonThanXml() {
    List<Claim> claims = WireSizeExperiment.claims(table(1000, 600), "c.png");
    assertEquals(List.of("codec.smaller-raw.d", "codec.smaller-gzip.d", "codec.gzip-narrows-gap.d"),
        claims.stream().map(c -> c.id).toList());
    assertTrue(claims.get(0).holds);
    assertEquals(100.0, claims.get(0).value);
    assertEquals(200.0, claims.get(0).baseline);
    assertTrue(claims.get(1).holds);
    assertFalse(WireSizeExperiment.claims(table(1000, 850), "c.png").get(1).holds);
  }

  @Test
  void theGapNarrowsWhenTheGzipRatioIsNearerOne() {
    Claim narrows = WireSizeExperiment.claims(table(1000, 600), "c.png").get(2); // 0.5 raw, 0.75 gzipped
    assertTrue(narrows.holds);
    assertEquals(0.75, narrows.value, 1e-9);
    assertEquals(0.5, narrows.baseline, 1e-9);
    assertFalse(WireSizeExperiment.claims(table(1000, 300), "c.png").get(2).holds); // 0.375 gzipped: wider
  }
}
