package io.kaohe.support.problems;

import io.kaohe.contracts.InputLimits;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults of a large input, every one counted but only the first {@code cap} kept: a 100,000-row
 * file with a fault on every row answers the first ones and "N more", never a 10 MB body.
 */
public final class CappedFaults {

    public static final int DEFAULT_CAP = InputLimits.FAULTS_LISTED;

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

    public void addAll(List<Fault> faults) {
        faults.forEach(this::add);
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public int count() {
        return count;
    }

    /** The kept faults (the first {@code cap}). */
    public List<Fault> listed() {
        return List.copyOf(kept);
    }

    /** How many were found but not kept. */
    public int more() {
        return count - kept.size();
    }
}
