package dev.trestle.codec;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.trestle.codec.model.ChatEvent;
import dev.trestle.codec.model.EventLog;
import dev.trestle.codec.model.Image;
import dev.trestle.codec.model.Label;
import dev.trestle.codec.model.LineItem;
import dev.trestle.codec.model.Media;
import dev.trestle.codec.model.MediaContent;
import dev.trestle.codec.model.MetricsBatch;
import dev.trestle.codec.model.Order;
import dev.trestle.codec.model.Series;
import dev.trestle.codec.proto.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The record-to-message mappings of the four datasets. Absent strings map to unset {@code optional}
 * fields and null enums to the zero ({@code *_UNSPECIFIED}) value, so nothing is lost either way.
 * Plain {@code if}s rather than setter references: a bound method reference allocates per call.
 */
final class ProtoMappings {

  private ProtoMappings() {}

  private static <T, M extends Message> ProtoMapping<T, M> of(Function<T, M> to, Function<M, T> from, Parser<M> parser, M empty) {
    return new ProtoMapping<>() {
      @Override public M toMessage(T value) { return to.apply(value); }
      @Override public T fromMessage(M message) { return from.apply(message); }
      @Override public Parser<M> parser() { return parser; }
      @Override public M defaultInstance() { return empty; }
    };
  }

  static final ProtoMapping<MediaContent, Wire.MediaContent> MEDIA_CONTENT = of(
      ProtoMappings::toMessage, ProtoMappings::fromMessage, Wire.MediaContent.parser(), Wire.MediaContent.getDefaultInstance());
  static final ProtoMapping<Order, Wire.Order> ORDER = of(
      ProtoMappings::toMessage, ProtoMappings::fromMessage, Wire.Order.parser(), Wire.Order.getDefaultInstance());
  static final ProtoMapping<EventLog, Wire.EventLog> EVENT_LOG = of(
      ProtoMappings::toMessage, ProtoMappings::fromMessage, Wire.EventLog.parser(), Wire.EventLog.getDefaultInstance());
  static final ProtoMapping<MetricsBatch, Wire.MetricsBatch> METRICS = of(
      ProtoMappings::toMessage, ProtoMappings::fromMessage, Wire.MetricsBatch.parser(), Wire.MetricsBatch.getDefaultInstance());

  /**
   * Returns {@code value}, refusing one with an unpaired surrogate: protobuf-java would write it as
   * '?' (and log a warning), so the value would not round-trip.
   */
  private static String text(String value) {
    return Utf8.requireWellFormed(value, "protobuf", "a string");
  }

  private static List<String> texts(List<String> values) {
    for (String value : values) {
      text(value);
    }
    return values;
  }

  private static CodecException unknown(String field, int number) {
    return new CodecException("protobuf: " + field + " holds the unknown enum number " + number);
  }

  // ---- MediaContent ----

  static Wire.MediaContent toMessage(MediaContent value) {
    Wire.MediaContent.Builder b = Wire.MediaContent.newBuilder();
    if (value.media() != null) {
      b.setMedia(toMessage(value.media()));
    }
    for (Image image : value.images()) {
      b.addImages(toMessage(image));
    }
    return b.build();
  }

  static MediaContent fromMessage(Wire.MediaContent m) {
    List<Image> images = new ArrayList<>(m.getImagesCount());
    for (Wire.Image image : m.getImagesList()) {
      images.add(fromMessage(image));
    }
    return new MediaContent(m.hasMedia() ? fromMessage(m.getMedia()) : null, images);
  }

  static Wire.Media toMessage(Media media) {
    Wire.Media.Builder b = Wire.Media.newBuilder();
    if (media.uri() != null) {
      b.setUri(text(media.uri()));
    }
    if (media.title() != null) {
      b.setTitle(text(media.title()));
    }
    b.setWidth(media.width()).setHeight(media.height());
    if (media.format() != null) {
      b.setFormat(text(media.format()));
    }
    b.setDuration(media.duration()).setSize(media.size()).setBitrate(media.bitrate()).setHasBitrate(media.hasBitrate());
    b.addAllPersons(texts(media.persons()));
    if (media.player() != null) {
      b.setPlayer(media.player() == Media.Player.JAVA ? Wire.Media.Player.JAVA : Wire.Media.Player.FLASH);
    }
    if (media.copyright() != null) {
      b.setCopyright(text(media.copyright()));
    }
    return b.build();
  }

  static Media fromMessage(Wire.Media m) {
    Media.Player player;
    switch (m.getPlayerValue()) {
      case Wire.Media.Player.PLAYER_UNSPECIFIED_VALUE: player = null; break;
      case Wire.Media.Player.JAVA_VALUE: player = Media.Player.JAVA; break;
      case Wire.Media.Player.FLASH_VALUE: player = Media.Player.FLASH; break;
      default: throw unknown("Media.player", m.getPlayerValue());
    }
    return new Media(m.hasUri() ? m.getUri() : null, m.hasTitle() ? m.getTitle() : null, m.getWidth(), m.getHeight(),
        m.hasFormat() ? m.getFormat() : null, m.getDuration(), m.getSize(), m.getBitrate(), m.getHasBitrate(),
        m.getPersonsList(), player, m.hasCopyright() ? m.getCopyright() : null);
  }

  static Wire.Image toMessage(Image image) {
    Wire.Image.Builder b = Wire.Image.newBuilder();
    if (image.uri() != null) {
      b.setUri(text(image.uri()));
    }
    if (image.title() != null) {
      b.setTitle(text(image.title()));
    }
    b.setWidth(image.width()).setHeight(image.height());
    if (image.size() != null) {
      b.setSize(image.size() == Image.Size.SMALL ? Wire.Image.Size.SMALL : Wire.Image.Size.LARGE);
    }
    return b.build();
  }

  static Image fromMessage(Wire.Image m) {
    Image.Size size;
    switch (m.getSizeValue()) {
      case Wire.Image.Size.SIZE_UNSPECIFIED_VALUE: size = null; break;
      case Wire.Image.Size.SMALL_VALUE: size = Image.Size.SMALL; break;
      case Wire.Image.Size.LARGE_VALUE: size = Image.Size.LARGE; break;
      default: throw unknown("Image.size", m.getSizeValue());
    }
    return new Image(m.hasUri() ? m.getUri() : null, m.hasTitle() ? m.getTitle() : null, m.getWidth(), m.getHeight(), size);
  }

  // ---- Order ----

  static Wire.Order toMessage(Order order) {
    Wire.Order.Builder b = Wire.Order.newBuilder()
        .setId(order.id()).setCustomerId(order.customerId()).setCreatedAtMillis(order.createdAtMillis());
    if (order.currency() != null) {
      b.setCurrency(text(order.currency()));
    }
    for (LineItem item : order.items()) {
      b.addItems(Wire.LineItem.newBuilder().setSku(item.sku()).setQuantity(item.quantity())
          .setUnitPriceCents(item.unitPriceCents()).setDiscountBasisPoints(item.discountBasisPoints())
          .setWeightKg(item.weightKg()));
    }
    b.setTotalCents(order.totalCents());
    if (order.note() != null) {
      b.setNote(text(order.note()));
    }
    return b.build();
  }

  static Order fromMessage(Wire.Order m) {
    List<LineItem> items = new ArrayList<>(m.getItemsCount());
    for (Wire.LineItem i : m.getItemsList()) {
      items.add(new LineItem(i.getSku(), i.getQuantity(), i.getUnitPriceCents(), i.getDiscountBasisPoints(), i.getWeightKg()));
    }
    return new Order(m.getId(), m.getCustomerId(), m.getCreatedAtMillis(), m.hasCurrency() ? m.getCurrency() : null,
        items, m.getTotalCents(), m.hasNote() ? m.getNote() : null);
  }

  // ---- EventLog ----

  private static final ChatEvent.Kind[] KINDS = ChatEvent.Kind.values();

  static Wire.EventLog toMessage(EventLog log) {
    Wire.EventLog.Builder b = Wire.EventLog.newBuilder();
    if (log.channel() != null) {
      b.setChannel(text(log.channel()));
    }
    for (ChatEvent e : log.events()) {
      Wire.ChatEvent.Builder eb = Wire.ChatEvent.newBuilder();
      if (e.id() != null) {
        eb.setId(text(e.id()));
      }
      eb.setTimestampMillis(e.timestampMillis());
      if (e.author() != null) {
        eb.setAuthor(text(e.author()));
      }
      if (e.kind() != null) {
        eb.setKindValue(e.kind().ordinal() + 1); // MESSAGE = 1 ... in declaration order
      }
      if (e.text() != null) {
        eb.setText(text(e.text()));
      }
      if (e.replyTo() != null) {
        eb.setReplyTo(text(e.replyTo()));
      }
      eb.addAllTags(texts(e.tags()));
      b.addEvents(eb);
    }
    return b.build();
  }

  static EventLog fromMessage(Wire.EventLog m) {
    List<ChatEvent> events = new ArrayList<>(m.getEventsCount());
    for (Wire.ChatEvent e : m.getEventsList()) {
      int kind = e.getKindValue();
      if (kind < 0 || kind > KINDS.length) {
        throw unknown("ChatEvent.kind", kind);
      }
      events.add(new ChatEvent(e.hasId() ? e.getId() : null, e.getTimestampMillis(), e.hasAuthor() ? e.getAuthor() : null,
          kind == 0 ? null : KINDS[kind - 1], e.hasText() ? e.getText() : null, e.hasReplyTo() ? e.getReplyTo() : null,
          e.getTagsList()));
    }
    return new EventLog(m.hasChannel() ? m.getChannel() : null, events);
  }

  // ---- MetricsBatch ----

  static Wire.MetricsBatch toMessage(MetricsBatch batch) {
    Wire.MetricsBatch.Builder b = Wire.MetricsBatch.newBuilder();
    if (batch.source() != null) {
      b.setSource(text(batch.source()));
    }
    for (Series s : batch.series()) {
      Wire.Series.Builder sb = Wire.Series.newBuilder();
      if (s.name() != null) {
        sb.setName(text(s.name()));
      }
      for (Label label : s.labels()) {
        Wire.Label.Builder lb = Wire.Label.newBuilder();
        if (label.name() != null) {
          lb.setName(text(label.name()));
        }
        if (label.value() != null) {
          lb.setValue(text(label.value()));
        }
        sb.addLabels(lb);
      }
      sb.setStartMillis(s.startMillis()).setStepMillis(s.stepMillis()).addAllValues(s.values()).addAllCounts(s.counts());
      b.addSeries(sb);
    }
    return b.build();
  }

  static MetricsBatch fromMessage(Wire.MetricsBatch m) {
    List<Series> series = new ArrayList<>(m.getSeriesCount());
    for (Wire.Series s : m.getSeriesList()) {
      List<Label> labels = new ArrayList<>(s.getLabelsCount());
      for (Wire.Label l : s.getLabelsList()) {
        labels.add(new Label(l.hasName() ? l.getName() : null, l.hasValue() ? l.getValue() : null));
      }
      series.add(new Series(s.hasName() ? s.getName() : null, labels, s.getStartMillis(), s.getStepMillis(),
          s.getValuesList(), s.getCountsList()));
    }
    return new MetricsBatch(m.hasSource() ? m.getSource() : null, series);
  }
}
