package io.kaohe.rubric.problems;

import java.util.ArrayList;
import java.util.List;

/**
 * Faults of a large input, every one counted but only the first {@code cap} kept: a 100,000-row
 * file with a fault on every row answers the first ones and "N more", never a 10 MB body.
 */
public final class CappedFaults {

    public static final int DEFAULT_CAP = 200;

    private final int cap;
    private final List<Fault> kept = new ArrayList<>();
    private int count;

    public CappedFaults(int cap) {
        this.cap = cap;
    }

    public CappedFaults() {
        this(DEFAULT_CAP);
    }

    public void add(Fault fault) {
        count++;
        if (kept.size() < cap) {
            kept.add(fault);
        }
    }

    public void add(String location, String key, Object... args) {
        add(Fault.at(location, key, args));
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int count() {
        return count;
    }

    /** The kept faults, and when some were left out a last one saying how many ("另有 N 处问题未列出"). */
    public List<Fault> listed() {
        List<Fault> listed = new ArrayList<>(kept);
        if (count > kept.size()) {
            listed.add(Fault.at("…", "rubric.import.more-faults", count - kept.size()));
        }
        return listed;
    }
}
