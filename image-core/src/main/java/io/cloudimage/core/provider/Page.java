package io.cloudimage.core.provider;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing and the token for the next.
 *
 * @param items the items on this page
 * @param nextToken the token that fetches the next page, or {@code null} on the last page
 */
public record Page<T>(List<T> items, @Nullable String nextToken) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * A lazy stream over every page: {@code fetch} is called with {@code null} for the first page,
   * then with each page's token, only as the stream is consumed. Provider listings use this so that
   * a caller who stops early makes no further calls.
   */
  public static <T> Stream<T> stream(Function<@Nullable String, Page<T>> fetch) {
    Iterator<T> iterator =
        new Iterator<>() {
          private @Nullable Iterator<T> current;
          private @Nullable String token;
          private boolean last;

          @Override
          public boolean hasNext() {
            while (current == null || !current.hasNext()) {
              if (last) {
                return false;
              }
              Page<T> page = fetch.apply(token);
              token = page.nextToken();
              last = token == null;
              current = page.items().iterator();
            }
            return true;
          }

          @Override
          public T next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            Iterator<T> it = current;
            if (it == null) {
              throw new NoSuchElementException();
            }
            return it.next();
          }
        };
    return StreamSupport.stream(
        java.util.Spliterators.spliteratorUnknownSize(iterator, java.util.Spliterator.ORDERED),
        false);
  }
}
