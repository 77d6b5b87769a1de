package io.kaohe.rubric.roster;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A person of a unit or an assessing department (personal information): who reports, signs off,
 * reviews or is simply the contact, and how to reach them. {@code username} is the account the
 * person has or is to get (blank: one is named when the account is created).
 */
@Schema(name = "RosterContact")
public record Contact(OwnerKind ownerKind, String ownerCode, Role role, String name, String phone, String email,
                      String username) {

    /** Whose contact: a unit (被考核单位) or an assessing department (考核单位). */
    public enum OwnerKind {
        UNIT("单位"), DEPARTMENT("考核单位");

        public final String label;

        OwnerKind(String label) {
            this.label = label;
        }
    }

    /** What the person does; the first three get accounts with the matching realm role. */
    public enum Role {
        REPORTER("填报人", OwnerKind.UNIT),
        HEAD("单位负责人", OwnerKind.UNIT),
        REVIEWER("审核人", OwnerKind.DEPARTMENT),
        CONTACT("联系人", null);

        public final String label;
        /** The only kind of owner this role belongs to; null for both. */
        public final OwnerKind onlyFor;

        Role(String label, OwnerKind onlyFor) {
            this.label = label;
            this.onlyFor = onlyFor;
        }

        public boolean fits(OwnerKind kind) {
            return onlyFor == null || onlyFor == kind;
        }
    }

    /** What identifies a contact across imports: owner, role and name. */
    public String key() {
        return ownerKind + "/" + ownerCode + "/" + role + "/" + name;
    }
}
