package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trestle.codec.model.Media;
import dev.trestle.codec.model.MediaContent;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {

  @Test
  void theSameSeedGeneratesEqualValuesAndAnotherSeedOthers() {
    for (Dataset<?> dataset : Dataset.all()) {
      assertEquals(dataset.generate(42, 10), dataset.generate(42, 10), dataset.name());
      assertNotEquals(dataset.generate(42, 10), dataset.generate(43, 10), dataset.name());
    }
  }

  @Test
  void theMediaContentReferenceIsTheJvmSerializersObject() {
    MediaContent reference = Dataset.MEDIA_CONTENT.reference();
    Media media = reference.media();
    assertEquals("http://javaone.com/keynote.mpg", media.uri());
    assertEquals(List.of("Bill Gates", "Steve Jobs"), media.persons());
    assertEquals(262_144, media.bitrate());
    assertNull(media.copyright());
    assertEquals(2, reference.images().size());
  }

  @Test
  void datasetsAreFoundByNameAndAnUnknownNameListsTheKnownOnes() {
    assertSame(Dataset.METRICS, Dataset.named("metrics"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.named("orders"));
    assertTrue(e.getMessage().contains("[media-content, order, event-log, metrics]") && e.getMessage().contains("orders"),
        e.getMessage());
  }

  @Test
  void aNegativeCountIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Dataset.ORDER.generate(1, -1));
  }

  @Test
  void aNullListInARecordIsEmptyAndANullElementIsRejectedNamingIt() {
    assertEquals(List.of(), new MediaContent(null, null).images());
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> new MediaContent(null, java.util.Arrays.asList(null, null)));
    assertTrue(e.getMessage().contains("images[0]"), e.getMessage());
  }
}
