package io.kaohe.contracts.rubric;

import java.util.List;

/**
 * One unit's targets: its header (责任人, 联系人, 电话) and its items, or {@code sameAs} another
 * unit whose list it shares ("同第一项"), then {@code items} is empty.
 */
public record UnitTargetList(
        String unit,
        String unitName,
        String responsiblePerson,
        String contactPerson,
        String phone,
        String sameAs,
        List<TargetItem> items) {

    public UnitTargetList {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
