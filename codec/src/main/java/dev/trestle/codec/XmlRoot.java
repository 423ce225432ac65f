package dev.trestle.codec;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML document only if its root element is the type's own (its simple name, no
 * namespace). Jackson's XML module never looks at the root's name, so {@code <root/>} or any other
 * document would decode to a value of default fields. Thread-safe.
 */
final class XmlRoot {

  private final XmlFactory factory;
  private final String expected;
  private final XmlNumberGuard numbers;

  XmlRoot(XmlMapper mapper, Class<?> type, CodecLimits limits) {
    this.factory = mapper.getFactory();
    this.numbers = new XmlNumberGuard(mapper, type, limits.maxNumberLength());
    PropertyName name = mapper.getSerializationConfig().findRootName(type);
    this.expected = name != null && name.hasSimpleName() ? name.getSimpleName() : type.getSimpleName();
  }

  /** Returns what {@code reader} reads from {@code bytes} once their root element has been checked. */
  <T> T read(ObjectReader reader, byte[] bytes, String codec) throws IOException {
    XMLStreamReader xml;
    try {
      xml = factory.getXMLInputFactory().createXMLStreamReader(new ByteArrayInputStream(bytes));
      while (xml.next() != XMLStreamConstants.START_ELEMENT) {
        // prolog: declaration, comments, processing instructions, a DOCTYPE (never processed)
      }
    } catch (XMLStreamException e) {
      throw new CodecException(codec + ": cannot read the document's root element: " + Messages.brief(e), e);
    }
    String namespace = xml.getNamespaceURI();
    if (!expected.equals(xml.getLocalName()) || (namespace != null && !namespace.isEmpty())) {
      throw new CodecException(codec + ": the root element is <" + xml.getName() + ">, not <" + expected
          + ">; a document of another type is rejected, not read as default values");
    }
    return reader.readValue(factory.createParser(numbers.guard(xml)));
  }
}
