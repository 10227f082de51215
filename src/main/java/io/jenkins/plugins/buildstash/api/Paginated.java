package io.jenkins.plugins.buildstash.api;

import io.jenkins.plugins.buildstash.api.model.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a paginated list, fetched a page at a time as the iteration reaches it. The API documents no page
 * parameter (gap G3); {@code page} is what Laravel-style pagination, which the {@code pagination} object mirrors, uses.
 * A failed page fetch surfaces as an {@link UncheckedIOException} wrapping the {@link BuildstashException}.
 */
public final class Paginated<T> implements Iterable<T> {

    /** Fetches page {@code n} (1-based). */
    @FunctionalInterface
    interface PageFetcher<T> {
        Page<T> fetch(int page) throws IOException, InterruptedException;
    }

    private final PageFetcher<T> fetcher;

    Paginated(PageFetcher<T> fetcher) {
        this.fetcher = fetcher;
    }

    /** The first page alone, with its pagination (total, last page). */
    public Page<T> firstPage() throws IOException, InterruptedException {
        return fetcher.fetch(1);
    }

    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Iterator<T> current = null;
            private int page = 0;
            private int lastPage = 1;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (page >= lastPage) {
                        return false;
                    }
                    Page<T> next = fetch(++page);
                    lastPage = next.pagination() == null ? page : Math.max(next.pagination().lastPage(), 1);
                    if (next.data().isEmpty()) {
                        return false;
                    }
                    current = next.data().iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private Page<T> fetch(int page) {
        try {
            return fetcher.fetch(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while listing"));
        }
    }
}
