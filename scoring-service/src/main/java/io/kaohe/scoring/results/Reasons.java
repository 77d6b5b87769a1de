package io.kaohe.scoring.results;

import io.kaohe.scoring.scores.DeductionLine;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deduction, bonus or finding as the results table prints it. The assessor's reason is printed word
 * for word; the source follows in brackets unless the reason already names it; the amount follows
 * unless the reason already states it ("…，被省委巡视通报，扣0.1分" stays as it is). A measured or
 * judged loss is followed by its finding ("实际完成37，应完成50，得0.37分") instead of an amount.
 * The indicator's title is not repeated: the line it belongs to starts with it.
 */
final class Reasons {

    /** An amount as assessors write it into a reason: "扣0.1分", "加 2 分". */
    private static final Pattern AMOUNT = Pattern.compile("([扣加])\\s*(\\d+(?:\\.\\d+)?)\\s*分");

    private Reasons() {
    }

    static String printed(DeductionLine line) {
        String reason = line.reason() == null ? "" : line.reason();
        StringBuilder text = new StringBuilder(reason);
        String source = line.source() == null ? "" : line.source().strip();
        if (!source.isEmpty() && !reason.contains(source)) {
            text.append("（").append(source).append("）");
        }
        String effect = line.finding() != null ? line.finding() : amount(line);
        boolean stated = line.finding() != null ? reason.contains(effect) : statesAmount(reason, line.points());
        if (effect != null && !stated) {
            text.append(text.isEmpty() ? "" : "，").append(effect);
        }
        return text.toString();
    }

    /** Whether the reason already says this deduction (or bonus) in points, however the digits are written. */
    private static boolean statesAmount(String reason, BigDecimal points) {
        if (points == null) {
            return false;
        }
        Matcher m = AMOUNT.matcher(reason);
        while (m.find()) {
            BigDecimal said = new BigDecimal(m.group(2));
            boolean deduction = m.group(1).equals("扣");
            if (deduction == points.signum() > 0 && said.compareTo(points.abs()) == 0) {
                return true;
            }
        }
        return false;
    }

    /** "扣0.1分" or "加2分"; null when the rule decides the loss as a whole (a veto) or nothing moved. */
    private static String amount(DeductionLine line) {
        if (line.points() == null || line.points().signum() == 0) {
            return null;
        }
        return line.points().signum() > 0 ? "扣" + Points.plain(line.points()) + "分"
                : "加" + Points.plain(line.points().negate()) + "分";
    }
}
