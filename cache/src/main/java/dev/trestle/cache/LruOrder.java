package dev.trestle.cache;

import java.util.function.Predicate;

/** Least recently used: a circular doubly linked list, least recent after the sentinel. */
final class LruOrder<K, V> implements EvictionOrder<K, V> {

  private final Node<K, V> sentinel = new Node<>(null, null);

  LruOrder() {
    sentinel.prev = sentinel;
    sentinel.next = sentinel;
  }

  @Override
  public boolean contains(Node<K, V> node) {
    return node.next != null;
  }

  @Override
  public void add(Node<K, V> node) {
    Node<K, V> last = sentinel.prev;
    node.prev = last;
    node.next = sentinel;
    last.next = node;
    sentinel.prev = node;
  }

  @Override
  public void touch(Node<K, V> node) {
    if (sentinel.prev != node) {
      unlink(node);
      add(node);
    }
  }

  @Override
  public void remove(Node<K, V> node) {
    unlink(node);
    node.prev = null;
    node.next = null;
  }

  private static <K, V> void unlink(Node<K, V> node) {
    node.prev.next = node.next;
    node.next.prev = node.prev;
  }

  @Override
  public Node<K, V> victim(Node<K, V> newcomer) {
    Node<K, V> first = sentinel.next;
    if (first == newcomer) {
      first = first.next;
    }
    return first == sentinel ? newcomer : first;
  }

  @Override
  public void coldestFirst(Predicate<Node<K, V>> visitor) {
    for (Node<K, V> node = sentinel.next; node != sentinel && visitor.test(node); node = node.next) {
      // visiting
    }
  }

  @Override
  public void hottestFirst(Predicate<Node<K, V>> visitor) {
    for (Node<K, V> node = sentinel.prev; node != sentinel && visitor.test(node); node = node.prev) {
      // visiting
    }
  }
}
