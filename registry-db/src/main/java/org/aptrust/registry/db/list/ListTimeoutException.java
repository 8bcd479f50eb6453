package org.aptrust.registry.db.list;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A page sorted by columns no index serves ran out of its time ({@link ListEngine#UNINDEXED_SORT_TIMEOUT}): the
 * request was valid, the data too large to sort that way in time. Names the sort, the limit and the sorts that
 * stay fast; the API answers it with 503, the web pages show it with the list's form.
 */
public class ListTimeoutException extends ListQueryException {

    public ListTimeoutException(ListSpec spec, List<Sort> sorts, Duration timeout) {
        super("sort", "sorting " + spec.name() + " by " + sorts.stream().map(Sort::param)
                        .collect(Collectors.joining(", ")) + " took longer than " + timeout.toMillis()
                        + " ms, the limit for sorts no index serves; narrow the list with filters or sort by a column"
                        + " an index serves",
                spec.sortable().stream().sorted().collect(Collectors.joining(", ")));
    }
}
