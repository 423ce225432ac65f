package dev.trestle.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 16, defect 4: the XML codec read a document of any root element as default values. */
class XmlRootTest {

  @Test
  void aDocumentWhoseRootIsNotTheModelsIsRejected() {
    for (Dataset<?> dataset : Dataset.all()) {
      Codec<?> codec = Codecs.of(Format.XML, dataset);
      for (String xml : new String[] {"<!DOCTYPE root><root/>", "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"x.dtd\"><root/>", "<root/>",
          "<Other></Other>", "<x:" + dataset.type().getSimpleName() + " xmlns:x=\"urn:x\"/>",
          "<" + dataset.type().getSimpleName() + " xmlns=\"urn:other\"/>"}) {
        CodecException e = assertThrows(CodecException.class, () -> codec.decode(xml.getBytes(StandardCharsets.UTF_8)), dataset + " " + xml);
        assertTrue(e.getMessage().contains("root element"), e.getMessage());
      }
    }
  }

  @Test
  void theModelsOwnDocumentRenamedIsRejectedAndUnrenamedIsRead() {
    for (Dataset<?> dataset : Dataset.all()) {
      check(dataset);
    }
  }

  private static <T> void check(Dataset<T> dataset) {
    Codec<T> codec = Codecs.of(Format.XML, dataset);
    T value = dataset.reference();
    String own = new String(codec.encode(value), StandardCharsets.UTF_8);
    String root = dataset.type().getSimpleName();
    assertEquals(value, codec.decode(("<?xml version=\"1.0\"?><!-- c -->" + own).getBytes(StandardCharsets.UTF_8)));
    String renamed = own.replaceFirst("^<" + root, "<Other").replaceFirst("</" + root + ">$", "</Other>");
    assertTrue(!renamed.equals(own), renamed);
    assertThrows(CodecException.class, () -> codec.decode(renamed.getBytes(StandardCharsets.UTF_8)), dataset.name());
  }
}
