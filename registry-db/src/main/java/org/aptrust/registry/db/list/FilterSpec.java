package org.aptrust.registry.db.list;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One filterable column of a list: its value type, the ops it allows and, for enums, the values it allows.
 */
public record FilterSpec(String column, ValueType type, Set<Op> ops, List<String> allowedValues) {

    public FilterSpec {
        ops = Set.copyOf(ops);
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }

    public static FilterSpec of(String column, ValueType type, Op... ops) {
        return new FilterSpec(column, type, ops.length == 0 ? EnumSet.of(Op.EQ) : EnumSet.of(ops[0], ops), List.of());
    }

    public static FilterSpec oneOf(String column, List<String> values, Op... ops) {
        return new FilterSpec(column, ValueType.ENUM, ops.length == 0 ? EnumSet.of(Op.EQ) : EnumSet.of(ops[0], ops),
                values);
    }

    /** The query-string keys this filter accepts, for error messages and forms. */
    public List<String> keys() {
        return ops.stream().sorted().map(o -> o == Op.EQ ? column : column + "__" + o.suffix()).toList();
    }
}
