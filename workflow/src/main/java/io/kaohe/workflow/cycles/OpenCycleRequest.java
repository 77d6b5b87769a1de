package io.kaohe.workflow.cycles;

import io.kaohe.contracts.InputLimits;
import io.kaohe.contracts.events.ReportingPeriod;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The office opens a cycle on a published rubric version for a set of units, chosen in one go:
 * whole categories, a saved unit list, or every unit the version assesses, plus units listed one
 * by one, less the exceptions. Every unit must be an active roster unit of the category given (if
 * any) that the version assesses. The calendar is seed 003's unless given (every field optional);
 * the clock compresses the year for demos and tests.
 */
@Schema(description = "开启考核年度 / open an assessment cycle")
public record OpenCycleRequest(
        @Schema(description = "defaults to the year", example = "2015") @Pattern(regexp = InputLimits.CODE_PATTERN)
        String cycleId,
        @Schema(example = "2015") @NotNull @Min(2000) @Max(2100) Integer year,
        @Schema(example = "2015年度市党群部门目标绩效考核") @NotBlank @Size(max = InputLimits.TITLE_MAX) String title,
        @Schema(description = "a version rubric-service published") @NotBlank @Size(max = InputLimits.CODE_MAX) String rubricVersionId,
        @Schema(description = "units one by one (name and category are taken from the roster when left out)")
        @Size(max = InputLimits.LIST_MAX) List<@Valid @NotNull Unit> units,
        @Valid Calendar calendar,
        @Valid Clock clock,
        @Schema(description = "whole categories: every active unit of each that the version assesses", example = "[\"township\"]")
        @Size(max = 200) List<@NotBlank @Pattern(regexp = InputLimits.CODE_OR_BLANK) String> categories,
        @Schema(description = "a saved unit list of the roster (GET /api/rubric/roster/lists)")
        @Pattern(regexp = InputLimits.CODE_PATTERN) String unitList,
        @Schema(description = "every active unit the version assesses (its categories' units, or the units with targets)")
        Boolean assessedUnits,
        @Schema(description = "unit codes left out of what the choices above give")
        @Size(max = InputLimits.LIST_MAX) List<@NotBlank @Pattern(regexp = InputLimits.CODE_OR_BLANK) String> except) {

    public OpenCycleRequest {
        units = units == null ? List.of() : units;
        categories = categories == null ? List.of() : categories;
        except = except == null ? List.of() : except;
    }

    /** A cycle for units listed one by one. */
    public OpenCycleRequest(String cycleId, Integer year, String title, String rubricVersionId, List<Unit> units,
                            Calendar calendar, Clock clock) {
        this(cycleId, year, title, rubricVersionId, units, calendar, clock, null, null, null, null);
    }

    /** Whether the request chooses any unit at all. */
    boolean choosesUnits() {
        return !units.isEmpty() || !categories.isEmpty() || unitList != null || Boolean.TRUE.equals(assessedUnits);
    }

    /** A unit assessed in the cycle, and its category (乡镇/街道, 县级部门, 市党群部门 …). */
    @Schema(name = "CycleUnit")
    public record Unit(
            @Schema(example = "bz-sjw") @NotBlank @Pattern(regexp = InputLimits.CODE_OR_BLANK) String unitCode,
            @Schema(example = "市纪委（监察局）", description = "the roster's name when left out") @Size(max = InputLimits.NAME_MAX) String unitName,
            @Schema(example = "party-dept", description = "checked against the roster; the roster's when left out")
            @Pattern(regexp = InputLimits.CODE_PATTERN) String category) {
    }

    /** Overrides of seed 003's calendar; anything left out keeps its default. */
    @Schema(name = "CycleCalendarRequest")
    public record Calendar(
            @Schema(description = "Q1…Q4 and YEAR: when each opens and is due")
            @Size(max = 5) List<@Valid @NotNull Period> periods,
            @Schema(description = "the mid-year inspection window (July by default)") @Valid Window inspection,
            @Min(0) @Max(90) Integer reminderDays,
            @Min(1) @Max(120) Integer reviewDays,
            @Min(1) @Max(120) Integer resubmitDays,
            @Min(1) @Max(60) Integer escalationDays,
            LocalDate proposalDue,
            LocalDate approvalDue,
            LocalDate publicationDue,
            @Schema(description = "a grade whose consequence is TALK_AND_REPORT: days after the talk for the written report (一周)")
            @Min(1) @Max(60) Integer talkReportDays,
            @Schema(description = "a grade whose consequence is WRITTEN_EXPLANATION: days for the written explanation")
            @Min(1) @Max(120) Integer explanationDays,
            @Schema(description = "inspection notice: days for the measures") @Min(1) @Max(120) Integer planDays,
            @Schema(description = "the publicity period (公示期) in working days; default the platform's (5)")
            @Min(1) @Max(60) Integer publicityDays) {
    }

    /** A reporting period's window. */
    @Schema(name = "CyclePeriodRequest")
    public record Period(
            @Schema(example = "Q1") @NotBlank @Pattern(regexp = ReportingPeriod.PATTERN) String period,
            @NotNull LocalDate opens,
            @NotNull LocalDate due) {
    }

    /** A window of days. */
    @Schema(name = "CycleWindow")
    public record Window(@NotNull LocalDate opens, @NotNull LocalDate due) {
    }

    /**
     * Runs the cycle's year in {@code yearIn} from {@code start} (default: now) instead of in real time,
     * e.g. PT10M for a demo: every timer and due date is scaled, the models are the same.
     */
    @Schema(name = "CycleClock")
    public record Clock(
            @Schema(example = "PT10M") @NotNull Duration yearIn,
            @Schema(description = "when the year begins on the compressed clock; default now") Instant start) {
    }
}
