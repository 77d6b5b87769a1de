package io.kaohe.evidence.assessments;

import io.kaohe.support.problems.Faults;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The per-item lines of a request (draft lines, review decisions): each located as
 * {@code name[itemCode]} (or its index when it names no item), a line naming an item that is not
 * there or named before refused as a fault, the others handed on.
 */
final class ItemLines {

    private ItemLines() {
    }

    interface Each<T> {
        void check(String itemCode, String at, T line);
    }

    static <T> void forEach(String name, List<T> lines, Function<T, String> itemCode, Predicate<String> known,
                            Faults faults, Each<T> each) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            T line = lines.get(i);
            String code = line == null ? null : itemCode.apply(line);
            String at = name + "[" + (code == null ? Integer.toString(i) : code) + "]";
            if (code == null || !known.test(code)) {
                faults.add(at + ".itemCode", "evidence.line.unknown-item", code);
            } else if (!seen.add(code)) {
                faults.add(at + ".itemCode", "evidence.line.twice", code);
            } else {
                each.check(code, at, line);
            }
        }
    }

    /** A text as given, stripped; none if blank. */
    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
