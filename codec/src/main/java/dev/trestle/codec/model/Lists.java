package dev.trestle.codec.model;

import java.util.List;

/** The list convention of the records: null means empty, elements never null, copied. */
final class Lists {

  private Lists() {}

  static <E> List<E> copy(List<E> list, String name) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new NullPointerException(name + "[" + i + "] is null; lists of the codec model hold no nulls");
      }
    }
    return List.copyOf(list);
  }
}
