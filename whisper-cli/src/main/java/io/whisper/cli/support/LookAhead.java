package io.whisper.cli.support;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An iterator that finds its next element only when asked whether there is one (a walk, a
 * list read line by line): subclasses say how to find it, and null when there is none.
 */
public abstract class LookAhead<T> implements Iterator<T> {
  private T next;

  /** Returns the next element, or null at the end. */
  protected abstract T find();

  @Override
  public final boolean hasNext() {
    if (next == null) {
      next = find();
    }
    return next != null;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    T result = next;
    next = null;
    return result;
  }
}
