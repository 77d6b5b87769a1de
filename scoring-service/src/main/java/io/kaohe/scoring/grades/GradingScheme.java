package io.kaohe.scoring.grades;

import io.kaohe.contracts.InputLimits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import io.kaohe.contracts.events.GradeConsequence;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a cycle's units are graded (等次).
 *
 * @param bands  best first; a unit gets the first band whose {@code minPercent} its percentage
 *               (total ÷ applicable maximum × 100) reaches; the last band must start at 0. Each band
 *               says what its grade obliges a unit to do (its {@link GradeConsequence}), whatever it is called
 * @param quotas at most {@code maxShare} of a unit category's units may get {@code grade}
 *               (count = floor(maxShare × units in the category)); not allowed on the last band
 * @param vetoes grade caps: a unit whose reviewed score on {@code itemCode} is 0 (any item under a
 *               veto rule, when {@code itemCode} is empty) gets at most {@code capGrade}
 */
@Schema(description = "等次划分、名额与一票否决 / grade bands, quotas and veto caps")
public record GradingScheme(@Size(max = 100) List<@Valid @NotNull Band> bands,
                            @Size(max = 100) List<@Valid @NotNull Quota> quotas,
                            @Size(max = InputLimits.LIST_MAX) List<@Valid @NotNull VetoCap> vetoes) {

    public GradingScheme {
        bands = bands == null ? List.of() : List.copyOf(bands);
        quotas = quotas == null ? List.of() : List.copyOf(quotas);
        vetoes = vetoes == null ? List.of() : List.copyOf(vetoes);
    }

    public record Band(@Schema(example = "好") @Size(max = InputLimits.NAME_MAX) String grade, @Schema(example = "90") BigDecimal minPercent,
                       @Schema(example = "NONE", description = "整改要求 / what the grade obliges the unit to do")
                       GradeConsequence consequence) {
    }

    public record Quota(@Schema(example = "好") @Size(max = InputLimits.NAME_MAX) String grade, @Schema(example = "0.30") BigDecimal maxShare) {
    }

    public record VetoCap(@Pattern(regexp = InputLimits.CODE_PATTERN) String itemCode,
                          @Schema(example = "一般") @Size(max = InputLimits.NAME_MAX) String capGrade,
                          @Size(max = InputLimits.TEXT_MAX) String reason) {
    }

    /**
     * 好 ≥ 90, 较好 ≥ 80, 一般 ≥ 60 (a written explanation), 较差 below (a talk and a report): seed 003's
     * four grades, no quota, no cap.
     */
    public static GradingScheme standard() {
        return new GradingScheme(List.of(
                new Band("好", new BigDecimal("90"), GradeConsequence.NONE),
                new Band("较好", new BigDecimal("80"), GradeConsequence.NONE),
                new Band("一般", new BigDecimal("60"), GradeConsequence.WRITTEN_EXPLANATION),
                new Band("较差", BigDecimal.ZERO, GradeConsequence.TALK_AND_REPORT)), List.of(), List.of());
    }

    /** Every problem, as (location, message code, argument). */
    List<String[]> problems() {
        List<String[]> problems = new java.util.ArrayList<>();
        if (bands.isEmpty()) {
            problems.add(new String[] {"bands", "scoring.grading.bands-empty", ""});
            return problems;
        }
        Set<String> grades = new HashSet<>();
        BigDecimal previous = null;
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            String at = "bands[" + i + "]";
            if (band == null || band.grade() == null || band.grade().isBlank()) {
                problems.add(new String[] {at + ".grade", "scoring.grading.grade-missing", ""});
                continue;
            }
            if (band.consequence() == null) {
                problems.add(new String[] {at + ".consequence", "scoring.grading.consequence-missing", band.grade()});
            }
            if (!grades.add(band.grade())) {
                problems.add(new String[] {at + ".grade", "scoring.grading.grade-duplicate", band.grade()});
            }
            BigDecimal min = band.minPercent();
            if (min == null || min.signum() < 0 || min.compareTo(BigDecimal.valueOf(100)) > 0) {
                problems.add(new String[] {at + ".minPercent", "scoring.grading.min-range", String.valueOf(min)});
            } else if (previous != null && min.compareTo(previous) >= 0) {
                problems.add(new String[] {at + ".minPercent", "scoring.grading.min-order", min.toPlainString()});
            }
            previous = min;
        }
        Band last = bands.get(bands.size() - 1);
        if (last != null && last.minPercent() != null && last.minPercent().signum() != 0) {
            problems.add(new String[] {"bands[" + (bands.size() - 1) + "].minPercent", "scoring.grading.last-zero",
                    last.minPercent().toPlainString()});
        }
        for (int i = 0; i < quotas.size(); i++) {
            Quota quota = quotas.get(i);
            String at = "quotas[" + i + "]";
            if (quota == null || !grades.contains(quota.grade())) {
                problems.add(new String[] {at + ".grade", "scoring.grading.grade-unknown",
                        quota == null ? "" : String.valueOf(quota.grade())});
            } else if (last != null && quota.grade().equals(last.grade())) {
                problems.add(new String[] {at + ".grade", "scoring.grading.quota-on-last", quota.grade()});
            }
            if (quota != null && (quota.maxShare() == null || quota.maxShare().signum() <= 0
                    || quota.maxShare().compareTo(BigDecimal.ONE) > 0)) {
                problems.add(new String[] {at + ".maxShare", "scoring.grading.share-range",
                        String.valueOf(quota.maxShare())});
            }
        }
        for (int i = 0; i < vetoes.size(); i++) {
            VetoCap veto = vetoes.get(i);
            if (veto == null || !grades.contains(veto.capGrade())) {
                problems.add(new String[] {"vetoes[" + i + "].capGrade", "scoring.grading.grade-unknown",
                        veto == null ? "" : String.valueOf(veto.capGrade())});
            }
        }
        return problems;
    }
}
