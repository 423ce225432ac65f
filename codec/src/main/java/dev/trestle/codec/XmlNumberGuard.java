package dev.trestle.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

/**
 * Fails an XML document as soon as the text of an element that holds a number is longer than
 * {@code maxNumberLength}, as the parser reports it, before Jackson copies the text into a string
 * and hands it to a number parser. Which elements hold numbers comes from the model's properties:
 * a name counts only if it is numeric wherever the model uses it, so no string field is ever held to
 * a number's limit. {@link NumberText} checks the same again for every field; this guard only makes
 * the hostile case fail sooner. The name set is computed once per codec; readers are per decode.
 */
final class XmlNumberGuard {

  private final Set<String> numericNames;
  private final int maxLength;

  XmlNumberGuard(ObjectMapper mapper, Class<?> type, int maxLength) {
    this.numericNames = numericNames(mapper, mapper.constructType(type));
    this.maxLength = maxLength;
  }

  /** Returns the element names that hold a number wherever {@code root}'s model uses them. */
  static Set<String> numericNames(ObjectMapper mapper, JavaType root) {
    Set<String> numeric = new HashSet<>();
    Set<String> other = new HashSet<>();
    Set<JavaType> seen = new HashSet<>();
    ArrayDeque<JavaType> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty()) {
      JavaType type = todo.poll();
      if (!seen.add(type) || !isBean(type)) {
        continue;
      }
      BeanDescription bean = mapper.getDeserializationConfig().introspect(type);
      for (BeanPropertyDefinition property : bean.findProperties()) {
        JavaType value = property.getPrimaryType();
        JavaType element = value.isContainerType() && value.getContentType() != null ? value.getContentType() : value;
        (isNumber(element) ? numeric : other).add(property.getName());
        if (value.isMapLikeType()) {
          other.add(property.getName()); // a map's entries are named by their keys: never checked
        }
        todo.add(element);
      }
    }
    numeric.removeAll(other);
    return Set.copyOf(numeric);
  }

  private static boolean isNumber(JavaType type) {
    Class<?> raw = type.getRawClass();
    return raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == double.class
        || raw == float.class || Number.class.isAssignableFrom(raw);
  }

  private static boolean isBean(JavaType type) {
    Class<?> raw = type.getRawClass();
    return !type.isPrimitive() && !type.isContainerType() && !type.isEnumType() && !raw.getName().startsWith("java.")
        && !raw.isArray();
  }

  /** Returns {@code reader} behind the guard; the reader must be at the document's start or root. */
  XMLStreamReader guard(XMLStreamReader reader) {
    if (numericNames.isEmpty()) {
      return reader;
    }
    return new StreamReaderDelegate(reader) {
      private String element; // the innermost open element, while no child has opened in it

      @Override
      public int next() throws XMLStreamException {
        int event = super.next();
        switch (event) {
          case XMLStreamConstants.START_ELEMENT:
            element = getLocalName();
            break;
          case XMLStreamConstants.END_ELEMENT:
            element = null;
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
            if (element != null && getTextLength() > maxLength && numericNames.contains(element)) {
              throw new XMLStreamException("the text of <" + element + ">, a number, is " + getTextLength()
                  + " characters, longer than maxNumberLength " + maxLength + "; rejected before parsing");
            }
            break;
          default:
            break;
        }
        return event;
      }
    };
  }
}
