package dev.trestle.codec;

import dev.trestle.codec.model.EventLog;
import dev.trestle.codec.model.MediaContent;
import dev.trestle.codec.model.MetricsBatch;
import dev.trestle.codec.model.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One of the sample datasets every Trestle codec encodes: a record type, a seeded generator of
 * realistic values and the Protobuf mapping of the type. Immutable and thread-safe.
 *
 * @param <T> the dataset's record type
 */
public final class Dataset<T> {

  /** The {@code MediaContent} object of the jvm-serializers benchmark: mixed strings and numbers. */
  public static final Dataset<MediaContent> MEDIA_CONTENT = new Dataset<>("media-content", MediaContent.class,
      SampleGenerator::mediaContent, SampleGenerator.jvmSerializersMediaContent(), ProtoMappings.MEDIA_CONTENT);
  /** A numeric-heavy order with 1 to 20 line items. */
  public static final Dataset<Order> ORDER = new Dataset<>("order", Order.class, SampleGenerator::order, null,
      ProtoMappings.ORDER);
  /** A string-heavy chat/event log of 10 to 40 events, some text outside ASCII and the BMP. */
  public static final Dataset<EventLog> EVENT_LOG = new Dataset<>("event-log", EventLog.class, SampleGenerator::eventLog,
      null, ProtoMappings.EVENT_LOG);
  /** A batch of 5 to 20 metric series of 60 full-precision doubles and 60 counts each (packed in Protobuf). */
  public static final Dataset<MetricsBatch> METRICS = new Dataset<>("metrics", MetricsBatch.class, SampleGenerator::metrics,
      null, ProtoMappings.METRICS);

  private static final long REFERENCE_SEED = 1L;

  private final String name;
  private final Class<T> type;
  private final Function<SplittableRandom, T> generator;
  private final T reference;
  private final ProtoMapping<T, ?> mapping;

  private Dataset(String name, Class<T> type, Function<SplittableRandom, T> generator, T reference, ProtoMapping<T, ?> mapping) {
    this.name = name;
    this.type = type;
    this.generator = generator;
    this.reference = reference != null ? reference : generator.apply(new SplittableRandom(REFERENCE_SEED));
    this.mapping = mapping;
  }

  /** Returns the four datasets, in a fixed order. */
  public static List<Dataset<?>> all() {
    return List.of(MEDIA_CONTENT, ORDER, EVENT_LOG, METRICS);
  }

  /**
   * Returns the dataset called {@code name}.
   *
   * @throws IllegalArgumentException if there is none, naming the ones there are
   */
  public static Dataset<?> named(String name) {
    Objects.requireNonNull(name, "name");
    for (Dataset<?> dataset : all()) {
      if (dataset.name.equals(name)) {
        return dataset;
      }
    }
    List<String> names = new ArrayList<>();
    all().forEach(d -> names.add(d.name));
    throw new IllegalArgumentException("dataset must be one of " + names + " but was \"" + name + "\"");
  }

  /** Returns the dataset's name, for example {@code media-content}. */
  public String name() {
    return name;
  }

  /** Returns the record type. */
  public Class<T> type() {
    return type;
  }

  /**
   * Returns one fixed representative value: for {@link #MEDIA_CONTENT} the very object of the
   * jvm-serializers benchmark, for the others the value generated from seed 1.
   */
  public T reference() {
    return reference;
  }

  /**
   * Returns {@code count} values generated from {@code seed}; the same arguments always return
   * equal values.
   *
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public List<T> generate(long seed, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be at least 0 but was " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<T> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(generator.apply(random));
    }
    return List.copyOf(values);
  }

  ProtoMapping<T, ?> mapping() {
    return mapping;
  }

  @Override
  public String toString() {
    return name;
  }
}
